-- Children with an open child-in-need episode at the period end per 10,000 children aged 0-17.
select w.period, w.basis, count(distinct c.child_id) as numerator, any_value(w.population) as denominator
from windows w
left join cin_cases_open() c on c.period = w.period and c.basis = w.basis
group by w.period, w.basis
