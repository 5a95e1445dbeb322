-- Children with a child-in-need episode open at the period end (one closing on the last day is closed).
select w.period, w.basis, count(distinct c.child_id) as value
from windows w
left join cin_cases_open() c on c.period = w.period and c.basis = w.basis
group by w.period, w.basis
