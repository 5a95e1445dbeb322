-- Children on a child protection plan at the period end.
select w.period, w.basis, count(distinct cp.child_id) as value
from windows w
left join list_7_child_protection cp
    on cp.cpp_start <= w.window_end
    and (cp.cpp_end is null or cp.cpp_end > w.window_end)
group by w.period, w.basis
