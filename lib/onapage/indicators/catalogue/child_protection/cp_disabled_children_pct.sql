-- Children on a plan at the period end, and those recorded as disabled.
select w.period, w.basis,
       count(distinct cp.child_id) filter (where cp.disability = 'Y') as numerator,
       count(distinct cp.child_id) as denominator
from windows w
left join cp_plans_open() cp on cp.period = w.period and cp.basis = w.basis
group by w.period, w.basis
