-- The workforce extract's `counted` column summed over the window, per average permanent FTE: the
-- average of each month's total over the months the extract covers in the window.
with monthly as (
    select w.period, w.basis, date_trunc('month', wf.month) as month,
           sum(wf.${counted}) as counted, sum(wf.permanent_fte) as permanent_fte
    from windows w
    join extract_workforce wf on wf.month between w.window_start and w.window_end
    group by w.period, w.basis, date_trunc('month', wf.month)
)
select w.period, w.basis,
       sum(m.counted) as numerator,
       avg(m.permanent_fte) as denominator
from windows w
left join monthly m on m.period = w.period and m.basis = w.basis
group by w.period, w.basis
