-- Children in care at the period end with 3+ placements in the 12 months to it, by the type of the second of those placements.
with held as (
    select * from placements_held(false)
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
from held c
join held t on t.period = c.period and t.basis = c.basis and t.child_id = c.child_id and t.placement_number = 3
where c.placement_number = 2
group by all
