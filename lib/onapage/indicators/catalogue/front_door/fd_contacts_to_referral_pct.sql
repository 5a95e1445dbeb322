-- Share of contacts received in the window whose MASH outcome was a referral to social care.
select w.period, w.basis,
       count(m.contact_id) filter (where m.outcome = 'Referral to social care') as numerator,
       count(m.contact_id) as denominator
from windows w
left join extract_mash_contacts m
    on cast(m.contact_received as date) between w.window_start and w.window_end
group by w.period, w.basis
