-- Members of a cohort in each window by `breakdown`: the entry's `cohort` gives one row per window and
-- member with its period, basis and `breakdown`, and each category's count is the value.
with cohort as (
    ${cohort}
)
select period, basis, ${breakdown}, count(*) as value
from cohort
group by period, basis, ${breakdown}
