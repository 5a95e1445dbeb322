-- Early help assessments open at the period end by organisation completing them, as a share of all open.
with open_assessments as (
    select w.period, w.basis, coalesce(e.eh_organisation, 'Unknown') as organisation
    from windows w
    join list_2_early_help_assessments e
        on e.eh_assessment_start <= w.window_end
        and (e.eh_assessment_completed is null or e.eh_assessment_completed > w.window_end)
)
select period, basis, organisation, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from open_assessments
group by period, basis, organisation
