-- Children with an open child-in-need episode at the period end per 10,000 children aged 0-17.
select w.period, w.basis, count(distinct c.child_id) as numerator, any_value(w.population) as denominator
from windows w
left join list_6_children_in_need c
    on c.cin_start <= w.window_end
    and (c.cin_closed is null or c.cin_closed > w.window_end)
group by w.period, w.basis
