-- Assessments authorised in the window by allocated team, as a share of all authorised.
with completed as (
    select w.period, w.basis, coalesce(a.team, 'Not allocated') as team
    from windows w
    join list_4_assessments a on a.assessment_authorised between w.window_start and w.window_end
)
select period, basis, team, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from completed
group by period, basis, team
