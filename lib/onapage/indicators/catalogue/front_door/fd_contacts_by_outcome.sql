-- Contacts received in the window by MASH outcome, as a share of all contacts received.
-- The received time is a timestamp: compare its date, or a contact at 15:00 on the last
-- day of the month would fall outside a window ending at midnight.
with contacts as (
    select w.period, w.basis, coalesce(m.outcome, 'No outcome recorded') as outcome
    from windows w
    join extract_mash_contacts m
        on cast(m.contact_received as date) between w.window_start and w.window_end
)
select period, basis, outcome, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from contacts
group by period, basis, outcome
