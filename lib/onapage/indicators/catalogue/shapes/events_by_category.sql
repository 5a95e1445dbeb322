-- Rows of `table` dated in the window (by `date`) by `breakdown`, each category's count as a share of
-- all of them. The row's table is `t`; a category is `category`.
with dated as (
    select w.period, w.basis, ${category} as ${breakdown}
    from windows w
    join ${table} t on t.${date} between w.window_start and w.window_end
)
select period, basis, ${breakdown}, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from dated
group by period, basis, ${breakdown}
