-- Children looked after under section 20 (V2) at the period end by age on the period end.
-- Section 20 then: current legal status V2 that started on or before the period end (or with no start date).
with in_care as (
    select c.period, c.basis, c.window_end, c.date_of_birth, c.legal_status, c.legal_status_start
    from looked_after() c
)
select period, basis,
       case when date_of_birth is null then 'Not recorded'
            when age_on(date_of_birth, window_end) < 1 then 'Under 1'
            when age_on(date_of_birth, window_end) <= 5 then '1 to 5'
            when age_on(date_of_birth, window_end) <= 10 then '6 to 10'
            when age_on(date_of_birth, window_end) <= 15 then '11 to 15'
            else '16+' end as age_band,
       count(*) as value
from in_care
where legal_status = 'V2' and (legal_status_start is null or legal_status_start <= window_end)
group by all
