-- Successful claims as a percentage of the programme's claims target, as at the period's month.
-- The extract's figures are cumulative over the programme, so this reads the period's own month
-- (the latest row dated in that month) and never adds months up. No row for the month: no figure.
with this_month as (
    select w.period, w.basis, arg_max(f, f.month) as f
    from windows w
    left join extract_families_programme f
        on date_trunc('month', f.month) = date_trunc('month', w.window_end)
    group by w.period, w.basis
)
select period, basis, f.claims as numerator, f.claims_target as denominator
from this_month
