-- Periods of care ending in the window, and those ending in adoption (reason E11 or E12).
select w.period, w.basis,
       count(distinct (c.child_id, c.cla_start)) filter (where c.reason_ceased in ('E11', 'E12')) as numerator,
       count(distinct (c.child_id, c.cla_start)) filter (where c.child_id is not null) as denominator
from windows w
left join list_8_children_in_care c
    on c.cla_end between w.window_start and w.window_end
    and coalesce(c.legal_status, '') not in ('V3', 'V4')
group by w.period, w.basis
