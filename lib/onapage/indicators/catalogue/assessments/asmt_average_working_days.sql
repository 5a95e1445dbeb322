-- Average working days taken by assessments authorised in the window (total days / assessments).
select w.period, w.basis,
       sum(working_days(a.assessment_start, a.assessment_authorised)) as numerator,
       count(working_days(a.assessment_start, a.assessment_authorised)) as denominator
from windows w
left join list_4_assessments a
    on a.assessment_authorised between w.window_start and w.window_end
group by w.period, w.basis
