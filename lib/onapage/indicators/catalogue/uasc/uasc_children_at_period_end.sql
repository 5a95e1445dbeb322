-- Unaccompanied asylum-seeking children (List 8 UASC flag Y) looked after at the period end.
select w.period, w.basis, count(distinct c.child_id) as value
from windows w
left join list_8_children_in_care c
    on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
    and c.uasc = 'Y'
group by w.period, w.basis
