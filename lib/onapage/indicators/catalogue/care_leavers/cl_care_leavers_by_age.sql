-- Care leavers aged 18 to 25 at the period end, by age in whole years (22 to 25 grouped as 22+).
select w.period, w.basis,
       case when age_on(cl.date_of_birth, w.window_end) >= 22 then '22+'
            else cast(age_on(cl.date_of_birth, w.window_end) as varchar) end as age,
       count(distinct cl.child_id) as value
from windows w
join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 18 and 25
group by all
