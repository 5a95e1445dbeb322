-- Child protection plans ending in the window (month, or since 1 April); a blank end date means still open.
select w.period, w.basis, count(cp.child_id) as value
from windows w
left join list_7_child_protection cp
    on cp.cpp_end between w.window_start and w.window_end
group by w.period, w.basis
