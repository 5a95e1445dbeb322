-- Children in need due a visit at the period end, and those seen (CIN visit) in the 28 days ending on it, by case-holding team.
-- Due and seen as in cin_visits_within_4_weeks; team = the team on the child's latest episode that is due.
with due as (
    select w.period, w.basis, w.window_end, c.child_id, arg_max_null(c.team, c.cin_start) as team
    from windows w
    join list_6_children_in_need c
        on c.cin_start <= w.window_end - 28
        and (c.cin_closed is null or c.cin_closed > w.window_end)
    group by all
),
seen as (
    select d.period, d.basis, d.child_id, d.team, count(v.child_id) > 0 as seen
    from due d
    left join extract_visits v
        on v.child_id = d.child_id
        and v.visit_type = 'CIN'
        and v.visit_date between d.window_end - 27 and d.window_end
    group by all
)
select period, basis, coalesce(team, 'Not recorded') as team,
       count(*) filter (where seen) as numerator,
       count(*) as denominator
from seen
group by all
