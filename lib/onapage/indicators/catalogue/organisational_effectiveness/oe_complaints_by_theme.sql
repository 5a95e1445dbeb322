-- Statutory and corporate complaints received in the window by theme.
select w.period, w.basis, coalesce(c.theme, 'Not recorded') as theme, count(*) as value
from windows w
join extract_complaints c
    on c.received between w.window_start and w.window_end
    and c.enquiry_type in ('Statutory complaint', 'Corporate complaint')
group by w.period, w.basis, coalesce(c.theme, 'Not recorded')
