-- Statutory and corporate complaints received in the window by the service area complained about.
select w.period, w.basis, coalesce(c.service_area, 'Not recorded') as service_area, count(*) as value
from windows w
join extract_complaints c
    on c.received between w.window_start and w.window_end
    and c.enquiry_type in ('Statutory complaint', 'Corporate complaint')
group by w.period, w.basis, coalesce(c.service_area, 'Not recorded')
