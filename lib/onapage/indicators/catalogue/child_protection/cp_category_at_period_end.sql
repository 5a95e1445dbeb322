-- Children on a plan at the period end by latest category of abuse.
with open_plans as (
    select w.period, w.basis, cp.child_id, arg_max_null(cp.latest_category, cp.cpp_start) as category
    from windows w
    join list_7_child_protection cp
        on cp.cpp_start <= w.window_end
        and (cp.cpp_end is null or cp.cpp_end > w.window_end)
    group by all
)
select period, basis, coalesce(category, 'Not recorded') as category, count(*) as value
from open_plans
group by all
