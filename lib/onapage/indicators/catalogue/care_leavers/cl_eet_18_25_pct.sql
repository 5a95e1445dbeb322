-- Care leavers aged 18 to 25 at the period end in education, employment or training
-- (activity not known counts in the denominator).
select w.period, w.basis,
       count(distinct cl.child_id) filter (
           where cl.activity in ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5')) as numerator,
       count(distinct cl.child_id) as denominator
from windows w
left join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 18 and 25
group by w.period, w.basis
