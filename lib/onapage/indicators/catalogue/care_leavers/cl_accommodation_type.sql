-- Care leavers aged 18 to 25 at the period end by type of accommodation (the List 9 code),
-- as a share of all of them.
select w.period, w.basis,
       coalesce(cl.accommodation, 'Not recorded') as accommodation,
       count(distinct cl.child_id) as numerator,
       sum(count(distinct cl.child_id)) over (partition by w.period, w.basis) as denominator
from windows w
join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 18 and 25
group by w.period, w.basis, accommodation
