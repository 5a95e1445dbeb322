-- Care leavers aged 18 to 25 at the period end whom the authority is in touch with.
-- Only YES counts as in touch; young people who have died leave the denominator, every other
-- status (not in touch, refused, no longer requires services, returned home, blank) stays in it.
select w.period, w.basis,
       count(distinct cl.child_id) filter (where cl.in_touch = 'YES') as numerator,
       count(distinct cl.child_id) as denominator
from windows w
left join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 18 and 25
    and cl.in_touch is distinct from 'DIED'
group by w.period, w.basis
