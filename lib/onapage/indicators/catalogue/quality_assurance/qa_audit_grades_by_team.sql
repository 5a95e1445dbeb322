-- Audits completed in the window by team and overall grade ('MASH: Good'), as a share of the team's
-- audits. An audit's grade comes from the view audits_graded; its team is the one its rows name.
with teams as (
    select audit_id, min(team) as team from extract_audits group by audit_id
)
select w.period, w.basis,
       coalesce(t.team, 'Not recorded') || ': ' || coalesce(g.grade, 'Not graded') as team_grade,
       count(g.audit_id) as numerator,
       sum(count(g.audit_id)) over (partition by w.period, w.basis, coalesce(t.team, 'Not recorded')) as denominator
from windows w
join audits_graded g on g.audit_date between w.window_start and w.window_end
left join teams t on t.audit_id = g.audit_id
group by w.period, w.basis, coalesce(t.team, 'Not recorded'), coalesce(g.grade, 'Not graded')
