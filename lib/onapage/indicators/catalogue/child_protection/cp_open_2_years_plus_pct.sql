-- Children on a plan at the period end, and those whose plan had lasted 2 years or more by then.
select w.period, w.basis,
       count(distinct cp.child_id) filter (where cp.cpp_start + interval 2 year <= w.window_end) as numerator,
       count(distinct cp.child_id) as denominator
from windows w
left join cp_plans_open() cp on cp.period = w.period and cp.basis = w.basis
group by w.period, w.basis
