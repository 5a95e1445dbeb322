-- Children looked after at the period end.
-- Open period of care (one ending on the period end is closed); children on an agreed series of short
-- breaks (legal status V3, V4) are left out as in the DfE figures, and so is anyone 18 or over (care
-- ends at 18: an end date missing for them is a recording gap).
select w.period, w.basis, count(distinct c.child_id) as value
from windows w
left join list_8_children_in_care c
    on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
group by w.period, w.basis
