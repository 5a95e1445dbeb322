-- Children on a plan at the period end by case-holding team (the team on their latest open plan).
with open_plans as (
    select cp.period, cp.basis, cp.child_id, arg_max_null(cp.team, cp.cpp_start) as team
    from cp_plans_open() cp
    group by all
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from open_plans
group by all
