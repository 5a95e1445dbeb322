-- Children on a plan at the period end by how long the plan has lasted.
-- "N months lasted" = the same day N months on has been reached (or the month's last day if shorter).
with open_plans as (
    select cp.period, cp.basis, cp.window_end, cp.child_id, min(cp.cpp_start) as cpp_start
    from cp_plans_open() cp
    group by all
)
select period, basis,
       case when cpp_start + interval 3 month > window_end then 'Under 3 months'
            when cpp_start + interval 6 month > window_end then '3 to 6 months'
            when cpp_start + interval 12 month > window_end then '6 to 12 months'
            when cpp_start + interval 24 month > window_end then '1 to 2 years'
            else '2 years or more' end as duration,
       count(*) as value
from open_plans
group by all
