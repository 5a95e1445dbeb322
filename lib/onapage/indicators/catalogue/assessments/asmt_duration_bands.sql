-- Assessments authorised in the window by working days taken, as a share of all authorised.
with completed as (
    select w.period, w.basis, working_days(a.assessment_start, a.assessment_authorised) as days
    from windows w
    join list_4_assessments a on a.assessment_authorised between w.window_start and w.window_end
),
banded as (
    select period, basis,
           case
               when days is null then 'Not recorded'
               when days <= 25 then '0-25 days'
               when days <= 40 then '26-40 days'
               when days <= 45 then '41-45 days'
               else '46+ days'
           end as duration_band
    from completed
)
select period, basis, duration_band, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from banded
group by period, basis, duration_band
