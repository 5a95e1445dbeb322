-- The register as at its latest review on or before the period end: risks whose residual
-- likelihood x impact is 12 or more (0 when no review has been supplied).
with latest as (
    select w.period, w.basis, max(r.review_date) as as_at
    from windows w
    left join extract_risks r on r.review_date <= w.window_end
    group by w.period, w.basis
)
select l.period, l.basis,
       count(*) filter (where r.residual_likelihood * r.residual_impact >= 12) as value
from latest l
left join extract_risks r on r.review_date = l.as_at
group by l.period, l.basis
