-- Early years take-up of one `measure` of the extract: eligible children taking it up, from the latest term
-- starting on or before the period end (no such term: no figure).
with latest as (
    select w.period, w.basis, max(e.term_start) as term_start
    from windows w
    left join extract_early_years e
        on e.measure = '${measure}' and e.term_start <= w.window_end
    group by w.period, w.basis
)
select l.period, l.basis, e.taken_up as numerator, e.eligible as denominator
from latest l
left join extract_early_years e
    on e.measure = '${measure}' and e.term_start = l.term_start
