-- Audits completed in the window by overall grade, as a share of all audits completed.
-- An audit's grade (view audits_graded in the store): its 'Overall' domain row if it has one,
-- otherwise the middle grade of its domains. grade_rank: 1 Outstanding ... 4 Inadequate.
select w.period, w.basis, coalesce(g.grade, 'Not graded') as grade,
       count(g.audit_id) as numerator,
       sum(count(g.audit_id)) over (partition by w.period, w.basis) as denominator
from windows w
join audits_graded g on g.audit_date between w.window_start and w.window_end
group by w.period, w.basis, coalesce(g.grade, 'Not graded')
