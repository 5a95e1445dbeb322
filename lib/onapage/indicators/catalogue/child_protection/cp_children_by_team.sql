-- Children on a plan at the period end by case-holding team (the team on their latest open plan).
with open_plans as (
    select w.period, w.basis, cp.child_id, arg_max_null(cp.team, cp.cpp_start) as team
    from windows w
    join list_7_child_protection cp
        on cp.cpp_start <= w.window_end
        and (cp.cpp_end is null or cp.cpp_end > w.window_end)
    group by all
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from open_plans
group by all
