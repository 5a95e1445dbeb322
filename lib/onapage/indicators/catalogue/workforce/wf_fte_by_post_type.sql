-- FTE posts at the end of the period's month by post type and kind of post
-- ('Social worker: Agency'): establishment, permanent, agency and vacant.
select w.period, w.basis,
       wf.post_type || ': ' || k.kind_of_post as post_type_staffing,
       sum(case k.kind_of_post
               when 'Establishment' then wf.establishment_fte
               when 'Permanent' then wf.permanent_fte
               when 'Agency' then wf.agency_fte
               else wf.vacant_fte end) as value
from windows w
join extract_workforce wf
    on wf.month between date_trunc('month', w.window_end) and w.window_end
cross join (values ('Establishment'), ('Permanent'), ('Agency'), ('Vacant')) k(kind_of_post)
group by w.period, w.basis, wf.post_type, k.kind_of_post
