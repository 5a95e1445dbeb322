-- Young people with a youth justice order open at the period end (a young person with two
-- concurrent orders is one open case; an order ending on the period end is closed).
select w.period, w.basis, count(distinct yo.child_id) as value
from windows w
left join extract_youth_offending yo
    on yo.order_start <= w.window_end
    and (yo.order_end is null or yo.order_end > w.window_end)
group by w.period, w.basis
