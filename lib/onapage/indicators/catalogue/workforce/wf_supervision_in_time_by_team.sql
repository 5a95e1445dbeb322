-- Individual supervisions held in time as a share of those due, by team, in the period's month.
select w.period, w.basis, wf.team,
       sum(wf.supervisions_in_time) as numerator,
       sum(wf.supervisions_due) as denominator
from windows w
join extract_workforce wf
    on wf.month between date_trunc('month', w.window_end) and w.window_end
group by w.period, w.basis, wf.team
