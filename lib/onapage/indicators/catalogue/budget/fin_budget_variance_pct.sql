-- Forecast outturn less budget as a percentage of budget, by line, at the latest quarter end of the
-- period's financial year on or before the period end (each budget type its own latest).
with latest as (
    select w.period, w.basis, b.budget_type, max(b.quarter_end) as as_at
    from windows w
    join extract_budget b on b.quarter_end between w.fy_start and w.window_end
    group by w.period, w.basis, b.budget_type
)
select l.period, l.basis, b.budget_type || ': ' || b.service_line as line,
       sum(b.forecast_outturn - b.budget) as numerator,
       sum(b.budget) as denominator
from latest l
join extract_budget b on b.budget_type = l.budget_type and b.quarter_end = l.as_at
group by l.period, l.basis, b.budget_type, b.service_line
