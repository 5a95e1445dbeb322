-- Cases held per case-holding FTE (social workers and senior practitioners, permanent and
-- agency) by team, at the end of the period's month.
select w.period, w.basis, wf.team,
       sum(wf.cases_held) as numerator,
       sum(wf.permanent_fte + wf.agency_fte) as denominator
from windows w
join extract_workforce wf
    on wf.month between date_trunc('month', w.window_end) and w.window_end
    and wf.post_type in ('Social worker', 'Senior practitioner')
group by w.period, w.basis, wf.team
