-- Unaccompanied asylum-seeking children looked after at the period end by legal status.
-- Legal status at the period end as in cla_legal_status (not known if the current one started later).
with in_care as (
    select w.period, w.basis, w.window_end, c.uasc, c.legal_status, c.legal_status_start
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
    qualify row_number() over (partition by w.period, w.basis, c.child_id order by c.cla_start desc) = 1
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
