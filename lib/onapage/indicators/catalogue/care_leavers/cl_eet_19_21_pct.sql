-- Care leavers aged 19 to 21 at the period end in education, employment or training.
-- As DfE: the denominator is every care leaver of that age, so activity not known
-- (code 0 or blank) counts against the measure.
select w.period, w.basis,
       count(distinct cl.child_id) filter (
           where cl.activity in ('F1', 'P1', 'F2', 'P2', 'F4', 'P4', 'F5', 'P5')) as numerator,
       count(distinct cl.child_id) as denominator
from windows w
left join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 19 and 21
group by w.period, w.basis
