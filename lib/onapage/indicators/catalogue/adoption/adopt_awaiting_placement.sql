-- Children with a placement order at the period end who had not yet been placed for adoption:
-- no placement, adoption order or decision that they should no longer be placed for adoption
-- dated on or before the period end. A matched child not yet moved in is still waiting.
select w.period, w.basis, count(distinct a.child_id) as value
from windows w
left join list_10_adoption a
    on a.placement_order <= w.window_end
    and (a.placed_for_adoption is null or a.placed_for_adoption > w.window_end)
    and (a.adoption_order is null or a.adoption_order > w.window_end)
    and (a.no_longer_adoption_decision is null or a.no_longer_adoption_decision > w.window_end)
group by w.period, w.basis
