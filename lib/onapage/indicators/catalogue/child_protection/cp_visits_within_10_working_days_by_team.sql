-- Children on a plan due a visit at the period end, and those with a CP visit within the 10 working days before it, by case-holding team.
-- Due and seen as in cp_visits_within_10_working_days; team = the team on the child's latest plan that is due.
with due as (
    select cp.period, cp.basis, cp.window_end, cp.child_id, arg_max_null(cp.team, cp.cpp_start) as team
    from cp_plans_open() cp
    where working_days(cp.cpp_start, cp.window_end) >= 10
    group by all
),
seen as (
    select d.period, d.basis, d.child_id, d.team, count(v.child_id) > 0 as seen
    from due d
    left join extract_visits v
        on v.child_id = d.child_id
        and v.visit_type = 'CP'
        and v.visit_date between d.window_end - 21 and d.window_end
        and working_days(v.visit_date, d.window_end) <= 10
    group by all
)
select period, basis, coalesce(team, 'Not recorded') as team,
       count(*) filter (where seen) as numerator,
       count(*) as denominator
from seen
group by all
