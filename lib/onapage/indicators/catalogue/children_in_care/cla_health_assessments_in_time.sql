-- Children looked after at the period end for 12 months or more, and those with a health assessment in the 12 months to it.
-- List 8 keeps only the latest assessment date: one after the period end (earlier periods) falls in the
-- window's open end and counts as in time.
with in_care as (
    select c.period, c.basis, c.window_end, c.child_id, c.cla_start, c.last_health_assessment
    from looked_after() c
),
cohort as (
    select * from in_care where cla_start + interval 12 month <= window_end
)
select w.period, w.basis,
       count(k.child_id) filter (where k.last_health_assessment > k.window_end - interval 12 month) as numerator,
       count(k.child_id) as denominator
from windows w
left join cohort k on k.period = w.period and k.basis = w.basis
group by w.period, w.basis
