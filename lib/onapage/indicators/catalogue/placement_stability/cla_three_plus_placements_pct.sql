-- Children looked after at the period end, and those with 3 or more placements during the 12 months to it (former NI62).
-- As DfE counts it, the placement the child was already in when the 12 months began is one of them.
with cohort as (
    -- children looked after at the period end, as counted in cla_children_at_period_end
    select distinct w.period, w.basis, w.window_start, w.window_end, c.child_id
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
),
counted as (
    -- placements held during the window: started in it, or already running on its first day;
    -- temporary moves (T0: holidays, hospital stays) are not placements for this measure
    select k.period, k.basis, k.child_id, p.placement_start, p.placement_type,
           row_number() over (partition by k.period, k.basis, k.child_id order by p.placement_start) as placement_number
    from cohort k
    join extract_placements p
        on p.child_id = k.child_id
        and p.placement_start <= k.window_end
        and (p.placement_start >= k.window_start or p.placement_end is null or p.placement_end > k.window_start)
        and coalesce(p.placement_type, '') <> 'T0'
),
per_child as (
    select period, basis, child_id, count(*) as placements from counted group by all
)
select w.period, w.basis,
       count(distinct pc.child_id) filter (where pc.placements >= 3) as numerator,
       count(distinct k.child_id) as denominator
from windows w
left join cohort k on k.period = w.period and k.basis = w.basis
left join per_child pc on pc.period = k.period and pc.basis = k.basis and pc.child_id = k.child_id
group by w.period, w.basis
