-- Members of a cohort in each window by `breakdown`, each category's count as a share of them all: the
-- entry's `cohort` gives one row per window and member with its period, basis and `breakdown`.
with cohort as (
    ${cohort}
)
select period, basis, ${breakdown}, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from cohort
group by period, basis, ${breakdown}
