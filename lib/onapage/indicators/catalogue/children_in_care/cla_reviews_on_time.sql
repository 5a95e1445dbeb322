-- Children looked after at the period end who were due a review, and those whose reviews were on time.
-- Rule: first review within 20 working days of entering care, the second within 3 months of it, later
-- ones every 6 months. Due: in care at least 20 working days. On time: the next review is not overdue at
-- the period end. List 8 keeps only the latest review date, so a latest review within 20 working days of
-- the start is taken as the first (next due 3 months on), any other as a later one (6 months on); one
-- recorded after the period end (earlier periods) counts as on time.
with due as (
    select c.period, c.basis, c.window_end, c.child_id, c.cla_start, c.latest_review
    from looked_after() c
    where working_days(c.cla_start, c.window_end) >= 20
),
judged as (
    select period, basis, child_id,
           case when latest_review > window_end then true
                when latest_review < cla_start or latest_review is null then false
                when working_days(cla_start, latest_review) <= 20 then latest_review + interval 3 month >= window_end
                else latest_review + interval 6 month >= window_end end as on_time
    from due
)
select w.period, w.basis,
       count(j.child_id) filter (where j.on_time) as numerator,
       count(j.child_id) as denominator
from windows w
left join judged j on j.period = w.period and j.basis = w.basis
group by w.period, w.basis
