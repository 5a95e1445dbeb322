-- UASC looked after at the period end by case-holding team.
with uasc as (
    -- unaccompanied asylum-seeking children looked after at the period end (as cla_children_at_period_end, UASC flag Y)
    select w.period, w.basis, w.window_end, c.*
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
        and c.uasc = 'Y'
    qualify row_number() over (partition by w.period, w.basis, c.child_id order by c.cla_start desc) = 1
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from uasc
group by all
