-- Early help assessments open at the period end by how long they have been open, as a share of all open.
-- Calendar months back from the period end: open 3 months or more to the day falls in 3-6,
-- and so on; 12 months or more is "Over 1 year". (DuckDB clamps 31 May - 3 months to 28 Feb.)
with open_assessments as (
    select w.period, w.basis,
           case
               when e.eh_assessment_start > w.window_end - interval 3 month then '0-3 months'
               when e.eh_assessment_start > w.window_end - interval 6 month then '3-6 months'
               when e.eh_assessment_start > w.window_end - interval 9 month then '6-9 months'
               when e.eh_assessment_start > w.window_end - interval 12 month then '9-12 months'
               else 'Over 1 year'
           end as duration_band
    from windows w
    join list_2_early_help_assessments e
        on e.eh_assessment_start <= w.window_end
        and (e.eh_assessment_completed is null or e.eh_assessment_completed > w.window_end)
)
select period, basis, duration_band, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from open_assessments
group by period, basis, duration_band
