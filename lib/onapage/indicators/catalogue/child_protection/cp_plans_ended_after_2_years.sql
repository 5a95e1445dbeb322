-- Plans ending in the window, and those that had lasted 2 years or more when they ended.
-- 2 years are reached on the start's anniversary (29 February + 2 years = 28 February).
select w.period, w.basis,
       count(cp.child_id) filter (where cp.cpp_start + interval 2 year <= cp.cpp_end) as numerator,
       count(cp.child_id) as denominator
from windows w
left join list_7_child_protection cp
    on cp.cpp_end between w.window_start and w.window_end
group by w.period, w.basis
