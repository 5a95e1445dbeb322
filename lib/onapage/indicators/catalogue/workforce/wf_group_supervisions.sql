-- Group supervisions held in the window (the extract gives a count per team and month).
select w.period, w.basis, sum(wf.group_supervisions) as value
from windows w
left join extract_workforce wf
    on wf.month between w.window_start and w.window_end
group by w.period, w.basis
