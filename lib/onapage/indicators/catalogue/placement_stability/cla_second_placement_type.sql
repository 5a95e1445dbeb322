-- Children in care at the period end with 3+ placements in the 12 months to it, by the type of the second of those placements.
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
three_plus as (
    select period, basis, child_id from counted where placement_number = 3
)
select c.period, c.basis,
       case when c.placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6') then 'Foster care'
            when c.placement_type in ('A3', 'A4', 'A5', 'A6') then 'Placed for adoption'
            when c.placement_type in ('H5', 'P2') then 'Semi-independent or independent living'
            when c.placement_type in ('K1', 'K2', 'R1', 'S1') then 'Residential'
            when c.placement_type = 'P1' then 'Placed with parents'
            when c.placement_type is null then 'Not recorded'
            else 'Other' end as placement_type_group,
       count(*) as value
from counted c
join three_plus t on t.period = c.period and t.basis = c.basis and t.child_id = c.child_id
where c.placement_number = 2
group by all
