-- Children on a plan at the period end who were due a visit, and those with a CP visit within the 10 working days before it.
-- Due: the plan started at least 10 working days before the period end (its first visit is due within 10
-- working days); newer plans are left out of both counts. Seen: a CP visit on a day v on or before the
-- period end with working_days(v, period end) <= 10, i.e. the next visit was not yet overdue.
with due as (
    select distinct cp.period, cp.basis, cp.window_end, cp.child_id
    from cp_plans_open() cp
    where working_days(cp.cpp_start, cp.window_end) >= 10
),
seen as (
    select d.period, d.basis, d.child_id, count(v.child_id) > 0 as seen
    from due d
    left join extract_visits v
        on v.child_id = d.child_id
        and v.visit_type = 'CP'
        -- 10 working days never span more than 21 calendar days: a cheap pre-filter before the calendar
        and v.visit_date between d.window_end - 21 and d.window_end
        and working_days(v.visit_date, d.window_end) <= 10
    group by all
)
select w.period, w.basis,
       count(s.child_id) filter (where s.seen) as numerator,
       count(s.child_id) as denominator
from windows w
left join seen s on s.period = w.period and s.basis = w.basis
group by w.period, w.basis
