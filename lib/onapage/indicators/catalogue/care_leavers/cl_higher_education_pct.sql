-- Care leavers aged 18 to 25 at the period end in higher education (full or part time: F1, P1).
select w.period, w.basis,
       count(distinct cl.child_id) filter (where cl.activity in ('F1', 'P1')) as numerator,
       count(distinct cl.child_id) as denominator
from windows w
left join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 18 and 25
group by w.period, w.basis
