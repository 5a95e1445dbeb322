-- Children on a child protection plan at the period end.
select w.period, w.basis, count(distinct cp.child_id) as value
from windows w
left join cp_plans_open() cp on cp.period = w.period and cp.basis = w.basis
group by w.period, w.basis
