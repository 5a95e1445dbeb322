-- Unaccompanied asylum-seeking children (List 8 UASC flag Y) looked after at the period end.
select w.period, w.basis, count(distinct c.child_id) as value
from windows w
left join list_8_children_in_care c
    on c.cla_start <= w.window_end
    and (c.cla_end is null or c.cla_end > w.window_end)
    and coalesce(c.legal_status, '') not in ('V3', 'V4')
    and (c.date_of_birth is null or age_on(c.date_of_birth, w.window_end) < 18)
    and c.uasc = 'Y'
group by w.period, w.basis
