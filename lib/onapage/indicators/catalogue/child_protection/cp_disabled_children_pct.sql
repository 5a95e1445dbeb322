-- Children on a plan at the period end, and those recorded as disabled.
select w.period, w.basis,
       count(distinct cp.child_id) filter (where cp.disability = 'Y') as numerator,
       count(distinct cp.child_id) as denominator
from windows w
left join list_7_child_protection cp
    on cp.cpp_start <= w.window_end
    and (cp.cpp_end is null or cp.cpp_end > w.window_end)
group by w.period, w.basis
