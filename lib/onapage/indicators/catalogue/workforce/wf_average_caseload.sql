-- Cases held per case-holding FTE (social workers and senior practitioners, permanent and
-- agency) at the end of the period's month. Team managers do not hold a caseload, so their
-- posts are left out; otherwise their FTE would dilute the average.
select w.period, w.basis,
       sum(wf.cases_held) as numerator,
       sum(wf.permanent_fte + wf.agency_fte) as denominator
from windows w
left join extract_workforce wf
    on wf.month between date_trunc('month', w.window_end) and w.window_end
    and wf.post_type in ('Social worker', 'Senior practitioner')
group by w.period, w.basis
