-- Children in need at the period end by age on the period end.
with open_cin as (
    select distinct c.period, c.basis, c.window_end, c.child_id, c.date_of_birth
    from cin_cases_open() c
),
aged as (
    -- one date of birth per child (rows of the same child should agree)
    select period, basis, window_end, child_id, max(date_of_birth) as date_of_birth
    from open_cin
    group by all
)
select period, basis,
       case when date_of_birth is null then 'Not recorded'
            when date_of_birth > window_end then 'Unborn'
            when age_on(date_of_birth, window_end) < 5 then '0-4'
            when age_on(date_of_birth, window_end) < 10 then '5-9'
            when age_on(date_of_birth, window_end) < 16 then '10-15'
            else '16+' end as age_band,
       count(*) as value
from aged
group by all
