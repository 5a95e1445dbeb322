-- Average calendar days from the placement order to the match with adopters, for children
-- matched in the window (A2-style). Children matched without a placement order (placed with
-- parental consent) have no court authority date and are left out.
select w.period, w.basis,
       sum(a.matched - a.placement_order) as numerator,
       count(a.child_id) as denominator
from windows w
left join list_10_adoption a
    on a.matched between w.window_start and w.window_end
    and a.placement_order is not null
group by w.period, w.basis
