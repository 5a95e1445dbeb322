-- Young people entering the youth justice system for the first time in the window: an order
-- flagged as a first-time entrant starting in the window.
select w.period, w.basis, count(distinct yo.child_id) as value
from windows w
left join extract_youth_offending yo
    on yo.order_start between w.window_start and w.window_end
    and yo.first_time_entrant = 'Y'
group by w.period, w.basis
