-- UASC looked after at the period end by placement type group.
-- List 8 holds the most recent placement: where it started after the period end, the placement then is not known.
with uasc as (
    -- unaccompanied asylum-seeking children looked after at the period end (as cla_children_at_period_end, UASC flag Y)
    select c.*
    from looked_after() c
    where c.uasc = 'Y'
)
select period, basis,
       case when placement_start > window_end then 'Not known (placement changed since)'
            when placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6') then 'Foster care'
            when placement_type in ('H5', 'P2') then 'Semi-independent or independent living'
            when placement_type in ('K1', 'K2', 'R1', 'S1') then 'Residential'
            when placement_type in ('A3', 'A4', 'A5', 'A6') then 'Placed for adoption'
            when placement_type = 'P1' then 'Placed with parents'
            when placement_type is null then 'Not recorded'
            else 'Other' end as placement_type_group,
       count(*) as value
from uasc
group by all
