-- Supervisions held in time as a share of those due in the period's month, by `breakdown` (a column of the
-- workforce extract: its service or its team).
select w.period, w.basis, wf.${breakdown},
       sum(wf.supervisions_in_time) as numerator,
       sum(wf.supervisions_due) as denominator
from windows w
join extract_workforce wf
    on wf.month between date_trunc('month', w.window_end) and w.window_end
group by w.period, w.basis, wf.${breakdown}
