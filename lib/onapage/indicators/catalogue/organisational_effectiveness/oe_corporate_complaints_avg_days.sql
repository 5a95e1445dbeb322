-- Average working days to respond to corporate complaints responded to in the window
-- (day 0 = the day received; weekends and bank holidays excluded). Counted by response date,
-- so a case received before 1 April and answered after it counts in the new year.
select w.period, w.basis,
       sum(working_days(c.received, c.responded)) as numerator,
       count(working_days(c.received, c.responded)) as denominator
from windows w
left join extract_complaints c
    on c.enquiry_type = 'Corporate complaint'
    and c.responded between w.window_start and w.window_end
group by w.period, w.basis
