-- Care leavers aged 19 to 21 at the period end in suitable accommodation.
-- As DfE: suitability not recorded counts in the denominator.
select w.period, w.basis,
       count(distinct cl.child_id) filter (where cl.accommodation_suitable = 'Suitable') as numerator,
       count(distinct cl.child_id) as denominator
from windows w
left join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 19 and 21
group by w.period, w.basis
