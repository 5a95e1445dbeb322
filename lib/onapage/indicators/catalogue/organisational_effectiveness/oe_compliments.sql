-- Compliments received in the window.
select w.period, w.basis, count(c.case_id) as value
from windows w
left join extract_complaints c
    on c.enquiry_type = 'Compliment'
    and c.received between w.window_start and w.window_end
group by w.period, w.basis
