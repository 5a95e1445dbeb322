-- UASC looked after at the period end by case-holding team.
with uasc as (
    -- unaccompanied asylum-seeking children looked after at the period end (as cla_children_at_period_end, UASC flag Y)
    select c.*
    from looked_after() c
    where c.uasc = 'Y'
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from uasc
group by all
