-- UASC looked after at the period end, and those who are male.
with uasc as (
    -- unaccompanied asylum-seeking children looked after at the period end (as cla_children_at_period_end, UASC flag Y)
    select c.*
    from looked_after() c
    where c.uasc = 'Y'
)
select w.period, w.basis,
       count(u.child_id) filter (where u.gender = 'Male') as numerator,
       count(u.child_id) as denominator
from windows w
left join uasc u on u.period = w.period and u.basis = w.basis
group by w.period, w.basis
