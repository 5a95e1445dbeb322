-- Children in a cohort in each window (one row per window and child: period, basis, child_id and what
-- the condition reads), and those of them for which `counted`. One row per window, so a window with
-- nobody in the cohort still has its zero denominator. The cohort's rows are `c`.
with cohort as (
    ${cohort}
)
select w.period, w.basis,
       count(c.child_id) filter (where ${counted}) as numerator,
       count(c.child_id) as denominator
from windows w
left join cohort c on c.period = w.period and c.basis = w.basis
group by w.period, w.basis
