-- Care leavers aged 18 to 25 at the period end (List 9 is one row per young person).
select w.period, w.basis, count(distinct cl.child_id) as value
from windows w
left join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 18 and 25
group by w.period, w.basis
