-- Children under 5 (unborn included) on a plan at the period end who were due a visit, and those with a CP visit within the 10 working days before it.
-- Due and seen as in cp_visits_within_10_working_days; age on the period end, a blank date of birth is left out.
with due as (
    select distinct cp.period, cp.basis, cp.window_end, cp.child_id
    from cp_plans_open() cp
    where working_days(cp.cpp_start, cp.window_end) >= 10
      and (cp.date_of_birth > cp.window_end or age_on(cp.date_of_birth, cp.window_end) < 5)
),
seen as (
    select d.period, d.basis, d.child_id, count(v.child_id) > 0 as seen
    from due d
    left join extract_visits v
        on v.child_id = d.child_id
        and v.visit_type = 'CP'
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
