-- Domain gradings of audits completed in the window by domain and grade ('Assessment: Good'),
-- as a share of the domain's gradings. The 'Overall' row is the audit's grade, not a practice
-- domain, so it is left out (qa_audit_grades shows it).
select w.period, w.basis,
       au.domain || ': ' || au.grade as domain_grade,
       count(*) as numerator,
       sum(count(*)) over (partition by w.period, w.basis, au.domain) as denominator
from windows w
join extract_audits au
    on au.audit_date between w.window_start and w.window_end
    and lower(trim(au.domain)) <> 'overall'
group by w.period, w.basis, au.domain, au.grade
