-- Establishment (funded posts, FTE) across all teams and post types in the period's month.
-- The extract's month may be dated the 1st or the last day, so any date in the month matches.
select w.period, w.basis, sum(wf.establishment_fte) as value
from windows w
left join extract_workforce wf
    on wf.month between date_trunc('month', w.window_end) and w.window_end
group by w.period, w.basis
