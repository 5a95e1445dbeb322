-- Sickness days in the 12 months to the period end per permanent FTE (average of each month's
-- total over the months the extract covers). Agency workers' sickness is not the authority's
-- to record, so they are left out of the denominator.
with monthly as (
    select w.period, w.basis, date_trunc('month', wf.month) as month,
           sum(wf.sickness_days) as sickness_days, sum(wf.permanent_fte) as permanent_fte
    from windows w
    join extract_workforce wf on wf.month between w.window_start and w.window_end
    group by w.period, w.basis, date_trunc('month', wf.month)
)
select w.period, w.basis,
       sum(m.sickness_days) as numerator,
       avg(m.permanent_fte) as denominator
from windows w
left join monthly m on m.period = w.period and m.basis = w.basis
group by w.period, w.basis
