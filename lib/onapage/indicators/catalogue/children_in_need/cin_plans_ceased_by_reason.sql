-- Child-in-need episodes closed in the window, by reason for closure (RC1-RC9).
select w.period, w.basis,
       coalesce(c.closure_reason, 'Not recorded') as closure_reason,
       count(distinct (c.child_id, c.cin_start)) as value
from windows w
join list_6_children_in_need c
    on c.cin_closed between w.window_start and w.window_end
group by all
