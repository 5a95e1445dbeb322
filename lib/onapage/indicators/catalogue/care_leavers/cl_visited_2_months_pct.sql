-- Care leavers aged 18 to 25 at the period end visited in the two months to it (from the same day
-- two months earlier), from the visits history. Any visit type counts: a young person who left
-- care last month was last visited as a child in care.
with cohort as (
    select w.period, w.basis, w.window_end, cl.child_id
    from windows w
    join list_9_care_leavers cl on age_on(cl.date_of_birth, w.window_end) between 18 and 25
),
visited as (
    select distinct c.period, c.basis, c.child_id
    from cohort c
    join extract_visits v
        on v.child_id = c.child_id
        and v.visit_date >= c.window_end - interval 2 month
        and v.visit_date <= c.window_end
)
select w.period, w.basis,
       count(distinct v.child_id) as numerator,
       count(distinct c.child_id) as denominator
from windows w
left join cohort c on c.period = w.period and c.basis = w.basis
left join visited v on v.period = c.period and v.basis = c.basis and v.child_id = c.child_id
group by w.period, w.basis
