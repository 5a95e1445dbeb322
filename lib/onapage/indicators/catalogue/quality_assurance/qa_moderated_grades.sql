-- Moderated gradings in the window by original and moderated grade ('Good to Requires improvement').
select w.period, w.basis,
       au.grade || ' to ' || au.moderated_grade as original_moderated,
       count(*) as value
from windows w
join extract_audits au
    on au.audit_date between w.window_start and w.window_end
    and au.moderated_grade is not null
group by w.period, w.basis, au.grade, au.moderated_grade
