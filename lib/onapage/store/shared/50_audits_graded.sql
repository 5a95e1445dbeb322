-- Each audit with its grade: its 'Overall' domain row if it has one, otherwise the middle grade of its
-- domains (with an even number, the lower of the two middle grades). grade_rank: 1 Outstanding, 2 Good,
-- 3 Requires improvement, 4 Inadequate; DuckDB lists are 1-based.
create or replace view audits_graded as
with ranked as (
    select *,
           case grade when 'Outstanding' then 1 when 'Good' then 2
                      when 'Requires improvement' then 3 when 'Inadequate' then 4 end as grade_rank,
           lower(trim(domain)) = 'overall' as is_overall
    from extract_audits
),
audits as (
    select audit_id, min(audit_date) as audit_date, min(service_area) as service_area,
           max(grade_rank) filter (where is_overall) as overall_rank,
           list_sort(list(grade_rank) filter (where not is_overall)) as domain_ranks
    from ranked
    group by audit_id
)
select *, case grade_rank when 1 then 'Outstanding' when 2 then 'Good'
                          when 3 then 'Requires improvement' when 4 then 'Inadequate' end as grade
from (select audit_id, audit_date, service_area,
             coalesce(overall_rank, domain_ranks[len(domain_ranks) // 2 + 1]) as grade_rank
      from audits);
