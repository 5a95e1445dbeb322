-- UASC looked after at the period end, and those aged 16 or 17 on it.
with uasc as (
    -- unaccompanied asylum-seeking children looked after at the period end (as cla_children_at_period_end, UASC flag Y)
    select w.period, w.basis, w.window_end, c.*
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
        and c.uasc = 'Y'
    qualify row_number() over (partition by w.period, w.basis, c.child_id order by c.cla_start desc) = 1
)
select w.period, w.basis,
       count(u.child_id) filter (where age_on(u.date_of_birth, u.window_end) in (16, 17)) as numerator,
       count(u.child_id) as denominator
from windows w
left join uasc u on u.period = w.period and u.basis = w.basis
group by w.period, w.basis
