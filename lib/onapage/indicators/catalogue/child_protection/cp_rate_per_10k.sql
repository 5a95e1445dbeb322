-- Children on a plan at the period end per 10,000 children aged 0-17.
select w.period, w.basis, count(distinct cp.child_id) as numerator, any_value(w.population) as denominator
from windows w
left join cp_plans_open() cp on cp.period = w.period and cp.basis = w.basis
group by w.period, w.basis
