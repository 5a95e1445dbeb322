-- Children in care at the period end with 3+ placements in the 12 months to it: average days from the start of the first of those placements to the start of the third.
select w.period, w.basis,
       sum(datediff('day', first_p.placement_start, third_p.placement_start)) as numerator,
       count(third_p.child_id) as denominator
from windows w
left join placements_held(false) third_p
    on third_p.period = w.period and third_p.basis = w.basis and third_p.placement_number = 3
    and third_p.placement_start is not null
left join placements_held(false) first_p
    on first_p.period = third_p.period and first_p.basis = third_p.basis
    and first_p.child_id = third_p.child_id and first_p.placement_number = 1
group by w.period, w.basis
