-- Freedom of information requests responded to in the window within 20 working days of receipt
-- (the statutory limit; day 0 = the day received).
select w.period, w.basis,
       count(*) filter (where working_days(c.received, c.responded) <= 20) as numerator,
       count(c.case_id) as denominator
from windows w
left join extract_complaints c
    on c.enquiry_type = 'FOI'
    and c.responded between w.window_start and w.window_end
group by w.period, w.basis
