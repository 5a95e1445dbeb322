-- Children looked after at the period end by case-holding team.
with in_care as (
    select c.period, c.basis, c.team
    from looked_after() c
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from in_care
group by all
