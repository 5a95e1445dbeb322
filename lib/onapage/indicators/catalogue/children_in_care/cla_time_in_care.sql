-- Children looked after at the period end by time since their current period of care started.
-- "N months" reached on the same day N months on, or the month's last day if that month is shorter.
with in_care as (
    select c.period, c.basis, c.window_end, c.cla_start
    from looked_after() c
)
select period, basis,
       case when cla_start + interval 6 month > window_end then 'Under 6 months'
            when cla_start + interval 12 month > window_end then '6 to 12 months'
            when cla_start + interval 18 month > window_end then '12 to 18 months'
            when cla_start + interval 24 month > window_end then '18 to 24 months'
            else '2 years or more' end as time_in_care,
       count(*) as value
from in_care
group by all
