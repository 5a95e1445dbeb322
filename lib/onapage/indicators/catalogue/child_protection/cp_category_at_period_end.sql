-- Children on a plan at the period end by latest category of abuse.
with open_plans as (
    select cp.period, cp.basis, cp.child_id, arg_max_null(cp.latest_category, cp.cpp_start) as category
    from cp_plans_open() cp
    group by all
)
select period, basis, coalesce(category, 'Not recorded') as category, count(*) as value
from open_plans
group by all
