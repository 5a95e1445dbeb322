-- Children looked after at the end of each window (looked_after_on), one row per window and child: the
-- child's latest period of care. With the window's period, basis, start and end.
create or replace macro looked_after() as table
select w.period, w.basis, w.window_start, w.window_end, c.*
from windows w
join list_8_children_in_care c
    on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
qualify row_number() over (partition by w.period, w.basis, c.child_id order by c.cla_start desc) = 1;
