-- Assessments completed (authorised) in the window (List 4: one row per assessment).
select w.period, w.basis, count(a.child_id) as value
from windows w
left join list_4_assessments a
    on a.assessment_authorised between w.window_start and w.window_end
group by w.period, w.basis
