-- Orders ending in the window where the young person was in education, training or employment
-- at the end; an order with ETE status not recorded counts in the denominator.
select w.period, w.basis,
       count(yo.order_id) filter (where yo.ete_at_end = 'Y') as numerator,
       count(yo.order_id) as denominator
from windows w
left join extract_youth_offending yo
    on yo.order_end between w.window_start and w.window_end
group by w.period, w.basis
