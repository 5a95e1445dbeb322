-- Children looked after at the period end by whether their placement is inside or outside the authority.
-- List 8 holds the most recent placement: where it started after the period end, the placement then is not known.
with in_care as (
    select w.period, w.basis, w.window_end, c.placement_start, c.placement_location
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
    qualify row_number() over (partition by w.period, w.basis, c.child_id order by c.cla_start desc) = 1
)
select period, basis,
       case when placement_start > window_end then 'Not known (placement changed since)'
            when placement_location = 'In' then 'In borough'
            when placement_location = 'Out' then 'Out of borough'
            else 'Not recorded' end as placement_location,
       count(*) as value
from in_care
group by all
