-- Unaccompanied asylum-seeking children looked after at the period end by legal status.
-- Legal status at the period end as in cla_legal_status (not known if the current one started later).
with in_care as (
    select c.period, c.basis, c.window_end, c.uasc, c.legal_status, c.legal_status_start
    from looked_after() c
)
select period, basis,
       case when legal_status_start > window_end then 'Not known (status changed since)'
            when legal_status = 'V2' then 'Section 20'
            when legal_status in ('C1', 'C2') then 'Care order'
            else 'Other' end as legal_status,
       count(*) as value
from in_care
where uasc = 'Y'
group by all
