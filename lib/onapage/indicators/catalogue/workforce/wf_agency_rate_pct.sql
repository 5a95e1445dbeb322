-- Agency FTE as a share of filled FTE (permanent + agency) in the period's month, as DfE's
-- agency rate (vacant posts not covered by anyone are left out of the denominator).
select w.period, w.basis,
       sum(wf.agency_fte) as numerator,
       sum(wf.permanent_fte + wf.agency_fte) as denominator
from windows w
left join extract_workforce wf
    on wf.month between date_trunc('month', w.window_end) and w.window_end
group by w.period, w.basis
