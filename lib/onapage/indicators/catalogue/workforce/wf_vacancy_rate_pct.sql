-- Vacant FTE as a share of establishment FTE in the period's month.
select w.period, w.basis,
       sum(wf.vacant_fte) as numerator,
       sum(wf.establishment_fte) as denominator
from windows w
left join extract_workforce wf
    on wf.month between date_trunc('month', w.window_end) and w.window_end
group by w.period, w.basis
