-- The Supporting Families extract as at each window's month, `f`: its figures are cumulative over the
-- programme, so this reads the window's own month (the latest row dated in that month) and never adds
-- months up; no row for the month gives no figure. The entry's `measures` select from it.
with this_month as (
    select w.period, w.basis, arg_max(f, f.month) as f
    from windows w
    left join extract_families_programme f
        on date_trunc('month', f.month) = date_trunc('month', w.window_end)
    group by w.period, w.basis
)
select period, basis, ${measures}
from this_month
