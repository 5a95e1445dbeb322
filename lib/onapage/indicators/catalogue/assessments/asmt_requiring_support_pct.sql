-- Share of assessments authorised in the window that found the child required LA children's social care support.
select w.period, w.basis,
       count(a.child_id) filter (where a.requires_support = 'Y') as numerator,
       count(a.child_id) as denominator
from windows w
left join list_4_assessments a
    on a.assessment_authorised between w.window_start and w.window_end
group by w.period, w.basis
