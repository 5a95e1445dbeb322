-- Contacts received in the window (Annex A List 1: one row per contact).
select w.period, w.basis, count(c.child_id) as value
from windows w
left join list_1_contacts c
    on c.contact_date between w.window_start and w.window_end
group by w.period, w.basis
