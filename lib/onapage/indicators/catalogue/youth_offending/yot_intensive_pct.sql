-- Of young people with an order open at the period end, those on intensive supervision
-- (any open order flagged intensive).
select w.period, w.basis,
       count(distinct yo.child_id) filter (where yo.intensive = 'Y') as numerator,
       count(distinct yo.child_id) as denominator
from windows w
left join extract_youth_offending yo
    on yo.order_start <= w.window_end
    and (yo.order_end is null or yo.order_end > w.window_end)
group by w.period, w.basis
