-- UASC looked after at the period end, and those aged 16 or 17 on it.
with uasc as (
    -- unaccompanied asylum-seeking children looked after at the period end (as cla_children_at_period_end, UASC flag Y)
    select c.*
    from looked_after() c
    where c.uasc = 'Y'
)
select w.period, w.basis,
       count(u.child_id) filter (where age_on(u.date_of_birth, u.window_end) in (16, 17)) as numerator,
       count(u.child_id) as denominator
from windows w
left join uasc u on u.period = w.period and u.basis = w.basis
group by w.period, w.basis
