-- Care leavers aged 18 to 25 at the period end by main activity group, as a share of all of them.
with cohort as (
    select w.period, w.basis, cl.child_id,
           case when cl.activity in ('F1', 'P1') then 'Higher education'
                when cl.activity in ('F2', 'P2') then 'Other education'
                when cl.activity in ('F4', 'P4', 'F5', 'P5') then 'Training or employment'
                when cl.activity in ('G4', 'G5', 'G6') then 'Not in education, employment or training'
                else 'Not known' end as activity
    from windows w
    join list_9_care_leavers cl
        on age_on(cl.date_of_birth, w.window_end) between 18 and 25
)
select period, basis, activity,
       count(distinct child_id) as numerator,
       sum(count(distinct child_id)) over (partition by period, basis) as denominator
from cohort
group by period, basis, activity
