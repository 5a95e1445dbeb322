-- Child protection plans starting in the window per 10,000 children aged 0-17.
select w.period, w.basis, count(cp.child_id) as numerator, any_value(w.population) as denominator
from windows w
left join list_7_child_protection cp
    on cp.cpp_start between w.window_start and w.window_end
group by w.period, w.basis
