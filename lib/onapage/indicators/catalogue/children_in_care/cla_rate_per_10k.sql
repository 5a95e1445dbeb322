-- Children looked after at the period end (as cla_children_at_period_end) per 10,000 children aged 0-17.
select w.period, w.basis, count(distinct c.child_id) as numerator, any_value(w.population) as denominator
from windows w
left join list_8_children_in_care c
    on c.cla_start <= w.window_end
    and (c.cla_end is null or c.cla_end > w.window_end)
    and coalesce(c.legal_status, '') not in ('V3', 'V4')
    and (c.date_of_birth is null or age_on(c.date_of_birth, w.window_end) < 18)
group by w.period, w.basis
