-- Children looked after at the period end (as cla_children_at_period_end) per 10,000 children aged 0-17.
select w.period, w.basis, count(distinct c.child_id) as numerator, any_value(w.population) as denominator
from windows w
left join list_8_children_in_care c
    on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
group by w.period, w.basis
