-- Children in need at the period end by case-holding team (the team on their latest open episode).
with open_cin as (
    select c.period, c.basis, c.child_id, arg_max_null(c.team, c.cin_start) as team
    from cin_cases_open() c
    group by all
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from open_cin
group by all
