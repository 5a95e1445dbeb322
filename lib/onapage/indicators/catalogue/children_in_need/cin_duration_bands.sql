-- Children in need at the period end by how long their (earliest open) episode has lasted.
-- "N months lasted" = the same day N months on has been reached; DuckDB moves a day that the
-- month lacks to the month's last day (30 Nov + 3 months = 28 Feb).
with open_cin as (
    select c.period, c.basis, c.window_end, c.child_id, min(c.cin_start) as cin_start
    from cin_cases_open() c
    group by all
)
select period, basis,
       case when cin_start + interval 3 month > window_end then 'Under 3 months'
            when cin_start + interval 6 month > window_end then '3 to 6 months'
            when cin_start + interval 12 month > window_end then '6 to 12 months'
            when cin_start + interval 24 month > window_end then '1 to 2 years'
            else '2 years or more' end as duration,
       count(*) as value
from open_cin
group by all
