-- Audits completed in the window graded good or outstanding overall.
-- An audit's grade (view audits_graded in the store): its 'Overall' domain row if it has one,
-- otherwise the middle grade of its domains. grade_rank: 1 Outstanding ... 4 Inadequate.
select w.period, w.basis,
       count(g.audit_id) filter (where g.grade_rank <= 2) as numerator,
       count(g.audit_id) as denominator
from windows w
left join audits_graded g on g.audit_date between w.window_start and w.window_end
group by w.period, w.basis
