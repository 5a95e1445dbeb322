-- Children looked after at the period end by the number of placements they have had since 1 April (1, 2, 3 or more).
-- Counted as in cla_three_plus_placements_pct, over the financial year to date: the placement held on
-- 1 April counts; temporary moves (T0) do not.
with cohort as (
    select distinct w.period, w.basis, w.fy_start, w.window_end, c.child_id
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
),
per_child as (
    select k.period, k.basis, k.child_id, count(p.child_id) as placements
    from cohort k
    left join extract_placements p
        on p.child_id = k.child_id
        and p.placement_start <= k.window_end
        and (p.placement_start >= k.fy_start or p.placement_end is null or p.placement_end > k.fy_start)
        and coalesce(p.placement_type, '') <> 'T0'
    group by all
)
select period, basis,
       case when placements = 0 then 'None recorded'
            when placements = 1 then '1'
            when placements = 2 then '2'
            else '3 or more' end as placements,
       count(*) as value
from per_child
group by all
