-- Children in a cohort in each window by `breakdown` (a blank one 'Not recorded'), and those of them for
-- which `counted`. The cohort's rows (period, basis, child_id, `breakdown` and what the condition
-- reads) are `c`; a window with nobody in the cohort has no rows.
with cohort as (
    ${cohort}
)
select c.period, c.basis, coalesce(c.${breakdown}, 'Not recorded') as ${breakdown},
       count(*) filter (where ${counted}) as numerator,
       count(*) as denominator
from cohort c
group by all
