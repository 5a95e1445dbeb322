-- Children looked after at the period end by legal status group.
-- List 8 holds the current legal status and the date it started: a child whose current status started
-- after the period end had another status then, which List 8 cannot show.
with in_care as (
    select c.period, c.basis, c.window_end, c.legal_status, c.legal_status_start
    from looked_after() c
)
select period, basis,
       case when legal_status_start > window_end then 'Not known (status changed since)'
            when legal_status = 'C1' then 'Interim care order'
            when legal_status = 'C2' then 'Full care order'
            when legal_status = 'V2' then 'Section 20'
            when legal_status = 'E1' then 'Placement order'
            when legal_status in ('L1', 'L2') then 'EPO or police protection'
            when legal_status in ('J1', 'J2', 'J3') then 'Remand'
            else 'Other or not recorded' end as legal_status,
       count(*) as value
from in_care
group by all
