-- Assessments open at the period end that had already run more than 45 working days.
-- Open: started by the period end and not authorised by it (authorised on the last day is closed).
select w.period, w.basis,
       count(a.child_id) filter (where working_days(a.assessment_start, w.window_end) > 45) as value
from windows w
left join list_4_assessments a
    on a.assessment_start <= w.window_end
    and (a.assessment_authorised is null or a.assessment_authorised > w.window_end)
group by w.period, w.basis
