-- Children in care at the period end with 3+ placements in the 12 months to it: average days from the start of the first of those placements to the start of the third.
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
)
select w.period, w.basis,
       sum(datediff('day', first_p.placement_start, third_p.placement_start)) as numerator,
       count(third_p.child_id) as denominator
from windows w
left join counted third_p
    on third_p.period = w.period and third_p.basis = w.basis and third_p.placement_number = 3
left join counted first_p
    on first_p.period = third_p.period and first_p.basis = third_p.basis
    and first_p.child_id = third_p.child_id and first_p.placement_number = 1
group by w.period, w.basis
