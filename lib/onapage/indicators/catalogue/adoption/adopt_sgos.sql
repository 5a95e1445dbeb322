-- Children who ceased to be looked after in the window because a special guardianship order
-- was made (List 8 reason ceased E45-E48).
select w.period, w.basis, count(distinct cla.child_id) as value
from windows w
left join list_8_children_in_care cla
    on cla.cla_end between w.window_start and w.window_end
    and cla.reason_ceased in ('E45', 'E46', 'E47', 'E48')
group by w.period, w.basis
