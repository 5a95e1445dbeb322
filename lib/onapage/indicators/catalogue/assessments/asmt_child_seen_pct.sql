-- Share of assessments authorised in the window during which the child was seen.
select w.period, w.basis,
       count(a.child_id) filter (where a.child_seen = 'Y') as numerator,
       count(a.child_id) as denominator
from windows w
left join list_4_assessments a
    on a.assessment_authorised between w.window_start and w.window_end
group by w.period, w.basis
