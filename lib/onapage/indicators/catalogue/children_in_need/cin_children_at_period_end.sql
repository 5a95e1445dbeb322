-- Children with a child-in-need episode open at the period end (one closing on the last day is closed).
select w.period, w.basis, count(distinct c.child_id) as value
from windows w
left join list_6_children_in_need c
    on c.cin_start <= w.window_end
    and (c.cin_closed is null or c.cin_closed > w.window_end)
group by w.period, w.basis
