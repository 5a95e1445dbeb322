-- Periods of care ending in the window (short breaks V3/V4 left out); a blank end date means still looked after.
select w.period, w.basis,
       count(distinct (c.child_id, c.cla_start)) filter (where c.child_id is not null) as value
from windows w
left join list_8_children_in_care c
    on c.cla_end between w.window_start and w.window_end
    and coalesce(c.legal_status, '') not in ('V3', 'V4')
group by w.period, w.basis
