-- Early help assessments open at the period end (started, and not completed by the last day).
select w.period, w.basis, count(e.child_id) as value
from windows w
left join list_2_early_help_assessments e
    on e.eh_assessment_start <= w.window_end
    and (e.eh_assessment_completed is null or e.eh_assessment_completed > w.window_end)
group by w.period, w.basis
