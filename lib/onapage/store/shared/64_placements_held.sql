-- The placements held by each child looked after at the end of each window (looked_after_on), numbered in
-- order of start: those started in the window, or already running on its first day (the first day of
-- its financial year when from_financial_year). Temporary moves (T0: holidays, hospital stays) are not
-- placements for these measures. A child with none has one row, placement_start blank.
create or replace macro placements_held(from_financial_year) as table
with cohort as (
    select distinct w.period, w.basis, w.window_end, c.child_id,
           case when from_financial_year then w.fy_start else w.window_start end as held_from
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
)
select k.period, k.basis, k.child_id, p.placement_start, p.placement_type,
       row_number() over (partition by k.period, k.basis, k.child_id order by p.placement_start) as placement_number
from cohort k
left join extract_placements p
    on p.child_id = k.child_id
    and p.placement_start <= k.window_end
    and (p.placement_start >= k.held_from or p.placement_end is null or p.placement_end > k.held_from)
    and coalesce(p.placement_type, '') <> 'T0';
