-- Child protection plans starting in the window (month, or since 1 April).
select w.period, w.basis, count(cp.child_id) as value
from windows w
left join list_7_child_protection cp
    on cp.cpp_start between w.window_start and w.window_end
group by w.period, w.basis
