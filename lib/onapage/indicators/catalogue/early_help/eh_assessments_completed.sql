-- Early help assessments completed (closed) in the window.
select w.period, w.basis, count(e.child_id) as value
from windows w
left join list_2_early_help_assessments e
    on e.eh_assessment_completed between w.window_start and w.window_end
group by w.period, w.basis
