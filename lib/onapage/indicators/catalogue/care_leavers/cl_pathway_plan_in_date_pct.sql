-- Care leavers aged 18 to 25 whose pathway plan was reviewed in the six months to the period end.
-- "Six months" runs from the same day six months earlier (31 Aug -> 28 Feb, month ends clamp).
-- A review dated after the period end cannot show the plan was in date then, so it does not count.
select w.period, w.basis,
       count(distinct cl.child_id) filter (
           where cl.pathway_plan_review >= w.window_end - interval 6 month
             and cl.pathway_plan_review <= w.window_end) as numerator,
       count(distinct cl.child_id) as denominator
from windows w
left join list_9_care_leavers cl
    on age_on(cl.date_of_birth, w.window_end) between 18 and 25
group by w.period, w.basis
