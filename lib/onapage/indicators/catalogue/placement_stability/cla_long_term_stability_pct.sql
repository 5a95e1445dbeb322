-- Children under 16 looked after for 2.5 years or more at the period end, and those in the same placement for 2 years or placed for adoption (former NI63).
-- Current placement: the latest-starting placement open at the period end in the placements extract.
with cohort as (
    select distinct w.period, w.basis, w.window_end, c.child_id
    from windows w
    join list_8_children_in_care c
        on c.cla_start <= w.window_end
        and (c.cla_end is null or c.cla_end > w.window_end)
        and coalesce(c.legal_status, '') not in ('V3', 'V4')
        and c.cla_start + interval 30 month <= w.window_end
        and age_on(c.date_of_birth, w.window_end) < 16
),
current_placement as (
    select k.period, k.basis, k.child_id,
           p.placement_start + interval 2 year <= k.window_end
           or p.placement_type in ('A3', 'A4', 'A5', 'A6') as stable
    from cohort k
    join extract_placements p
        on p.child_id = k.child_id
        and p.placement_start <= k.window_end
        and (p.placement_end is null or p.placement_end > k.window_end)
    qualify row_number() over (partition by k.period, k.basis, k.child_id order by p.placement_start desc) = 1
)
select w.period, w.basis,
       count(distinct cp.child_id) filter (where cp.stable) as numerator,
       count(distinct k.child_id) as denominator
from windows w
left join cohort k on k.period = w.period and k.basis = w.basis
left join current_placement cp on cp.period = k.period and cp.basis = k.basis and cp.child_id = k.child_id
group by w.period, w.basis
