-- Share of assessments authorised in the window that took 45 working days or fewer.
-- working_days() counts day 0 as the start and skips weekends and bank holidays.
select w.period, w.basis,
       count(a.child_id) filter (where working_days(a.assessment_start, a.assessment_authorised) <= 45) as numerator,
       count(a.child_id) as denominator
from windows w
left join list_4_assessments a
    on a.assessment_authorised between w.window_start and w.window_end
group by w.period, w.basis
