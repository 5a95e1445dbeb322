-- Children on a plan at the period end per 10,000 children aged 0-17.
select w.period, w.basis, count(distinct cp.child_id) as numerator, any_value(w.population) as denominator
from windows w
left join list_7_child_protection cp
    on cp.cpp_start <= w.window_end
    and (cp.cpp_end is null or cp.cpp_end > w.window_end)
group by w.period, w.basis
