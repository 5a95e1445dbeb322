-- Children looked after at the period end by whether their placement is inside or outside the authority.
-- List 8 holds the most recent placement: where it started after the period end, the placement then is not known.
with in_care as (
    select c.period, c.basis, c.window_end, c.placement_start, c.placement_location
    from looked_after() c
)
select period, basis,
       case when placement_start > window_end then 'Not known (placement changed since)'
            when placement_location = 'In' then 'In borough'
            when placement_location = 'Out' then 'Out of borough'
            else 'Not recorded' end as placement_location,
       count(*) as value
from in_care
group by all
