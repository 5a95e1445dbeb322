-- Care leavers aged 18 to 25 whose latest contact fell in the two months to the period end
-- (from the same day two months earlier; a contact after the period end does not count).
select w.period, w.basis,
       count(distinct cl.child_id) filter (
           where cl.latest_contact >= w.window_end - interval 2 month
             and cl.latest_contact <= w.window_end) as numerator,
       count(distinct cl.child_id) as denominator
from windows w
left join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 18 and 25
group by w.period, w.basis
