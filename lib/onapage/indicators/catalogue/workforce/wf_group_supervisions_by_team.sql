-- Group supervisions held in the window by team (the extract gives a count per team, post type and month).
select w.period, w.basis, wf.team, sum(wf.group_supervisions) as value
from windows w
join extract_workforce wf
    on wf.month between w.window_start and w.window_end
    and wf.group_supervisions is not null
group by w.period, w.basis, wf.team
