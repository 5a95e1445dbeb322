-- Complaints responded to in the window on or before their due date, of those with a due date, by stage.
select w.period, w.basis, coalesce(c.stage, 'Not recorded') as stage,
       count(*) filter (where c.responded <= c.response_due) as numerator,
       count(*) as denominator
from windows w
join extract_complaints c
    on c.responded between w.window_start and w.window_end
    and c.enquiry_type in ('Statutory complaint', 'Corporate complaint')
    and c.response_due is not null
group by w.period, w.basis, coalesce(c.stage, 'Not recorded')
