-- Moderated gradings in the window by what moderation did, as a share of all moderated gradings.
-- grade_rank() (store/shared): 1 Outstanding ... 4 Inadequate, so a smaller rank is a better grade.
with moderated as (
    select audit_date,
           case when grade_rank(moderated_grade) = grade_rank(grade) then 'Agreed'
                when grade_rank(moderated_grade) < grade_rank(grade) then 'Moderated up'
                else 'Moderated down' end as moderation
    from extract_audits
    where moderated_grade is not null
)
select w.period, w.basis, m.moderation,
       count(*) as numerator,
       sum(count(*)) over (partition by w.period, w.basis) as denominator
from windows w
join moderated m on m.audit_date between w.window_start and w.window_end
group by w.period, w.basis, m.moderation
