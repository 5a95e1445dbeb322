-- Children in need at the period end who were due a visit, and those with a CIN visit in the 28 days ending on it.
-- Due: an episode open at the period end that started at least 28 days before it; a newer
-- episode is not yet due its first 4-weekly visit, so it is left out of both counts.
with due as (
    select distinct w.period, w.basis, w.window_end, c.child_id
    from windows w
    join list_6_children_in_need c
        on c.cin_start <= w.window_end - 28
        and (c.cin_closed is null or c.cin_closed > w.window_end)
),
seen as (
    select d.period, d.basis, d.child_id, count(v.child_id) > 0 as seen
    from due d
    left join extract_visits v
        on v.child_id = d.child_id
        and v.visit_type = 'CIN'
        and v.visit_date between d.window_end - 27 and d.window_end
    group by all
)
select w.period, w.basis,
       count(s.child_id) filter (where s.seen) as numerator,
       count(s.child_id) as denominator
from windows w
left join seen s on s.period = w.period and s.basis = w.basis
group by w.period, w.basis
