-- UASC looked after at the period end whose placement then is known, and those in foster care or semi-independent/independent living.
-- Known: the List 8 placement started on or before the period end (or has no start date).
with uasc as (
    -- unaccompanied asylum-seeking children looked after at the period end (as cla_children_at_period_end, UASC flag Y)
    select c.*
    from looked_after() c
    where c.uasc = 'Y'
)
select w.period, w.basis,
       count(u.child_id) filter (where u.placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'H5', 'P2')) as numerator,
       count(u.child_id) as denominator
from windows w
left join uasc u
    on u.period = w.period and u.basis = w.basis
    and (u.placement_start is null or u.placement_start <= u.window_end)
group by w.period, w.basis
