-- UASC looked after at the period end by whole years since their current period of care started.
with uasc as (
    -- unaccompanied asylum-seeking children looked after at the period end (as cla_children_at_period_end, UASC flag Y)
    select c.*
    from looked_after() c
    where c.uasc = 'Y'
)
select period, basis,
       case when cla_start + interval 1 year > window_end then 'Under 1 year'
            when cla_start + interval 2 year > window_end then '1 to 2 years'
            when cla_start + interval 3 year > window_end then '2 to 3 years'
            when cla_start + interval 4 year > window_end then '3 to 4 years'
            else '4 years or more' end as time_in_care,
       count(*) as value
from uasc
group by all
