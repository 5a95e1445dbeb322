-- Children looked after at the period end who were due a visit, and those with a CLA visit in the 6 weeks (42 days) ending on it.
-- Due: in care for at least 7 days (the first visit is due within a week); newer entrants are left out of both counts.
with due as (
    select distinct w.period, w.basis, w.window_end, c.child_id
    from windows w
    join list_8_children_in_care c
        on c.cla_start <= w.window_end - 7
        and (c.cla_end is null or c.cla_end > w.window_end)
        and coalesce(c.legal_status, '') not in ('V3', 'V4')
        and (c.date_of_birth is null or age_on(c.date_of_birth, w.window_end) < 18)
),
seen as (
    select d.period, d.basis, d.child_id, count(v.child_id) > 0 as seen
    from due d
    left join extract_visits v
        on v.child_id = d.child_id
        and v.visit_type = 'CLA'
        and v.visit_date between d.window_end - 41 and d.window_end
    group by all
)
select w.period, w.basis,
       count(s.child_id) filter (where s.seen) as numerator,
       count(s.child_id) as denominator
from windows w
left join seen s on s.period = w.period and s.basis = w.basis
group by w.period, w.basis
