-- Contacts received in the window by final BRAG rating, as a share of all contacts received.
with contacts as (
    select w.period, w.basis, coalesce(m.final_brag, 'Not rated') as brag
    from windows w
    join extract_mash_contacts m
        on cast(m.contact_received as date) between w.window_start and w.window_end
)
select period, basis, brag, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from contacts
group by period, basis, brag
