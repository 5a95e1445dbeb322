-- Children looked after at the period end by gender.
with in_care as (
    select c.period, c.basis, c.gender
    from looked_after() c
)
select period, basis, coalesce(gender, 'Not recorded') as gender, count(*) as value
from in_care
group by all
