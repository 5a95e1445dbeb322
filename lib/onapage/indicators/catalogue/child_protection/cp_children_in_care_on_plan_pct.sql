-- Children on a plan at the period end, and those also looked after at the period end (List 8).
-- Looked after as counted in cla_children_at_period_end: period of care open at the period end,
-- not short breaks (V3, V4), under 18.
with in_care as (
    select distinct w.period, w.basis, c.child_id
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
)
select w.period, w.basis,
       count(distinct cp.child_id) filter (where ic.child_id is not null) as numerator,
       count(distinct cp.child_id) as denominator
from windows w
left join cp_plans_open() cp on cp.period = w.period and cp.basis = w.basis
left join in_care ic
    on ic.period = w.period and ic.basis = w.basis and ic.child_id = cp.child_id
group by w.period, w.basis
