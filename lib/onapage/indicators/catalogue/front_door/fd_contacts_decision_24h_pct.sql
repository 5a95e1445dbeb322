-- Share of contacts received in the window decided within 24 hours of receipt.
-- A contact with no decision yet stays in the denominator: it was not decided in 24 hours.
select w.period, w.basis,
       count(m.contact_id) filter (where m.decision_made <= m.contact_received + interval 24 hour) as numerator,
       count(m.contact_id) as denominator
from windows w
left join extract_mash_contacts m
    on cast(m.contact_received as date) between w.window_start and w.window_end
group by w.period, w.basis
