-- Children on a plan at the period end who were due a review conference, and those whose reviews were in timescale.
-- Due: the first review is due within 3 months of the plan start, so plans younger than that are left out.
-- In timescale: the latest review (on or after the start) is no more than 6 months before the period end
-- (the next review is then not yet overdue). List 7 keeps only the latest review date: one recorded after
-- the period end (earlier periods) is taken as in timescale, and a late first review held since is not seen.
with due as (
    select cp.period, cp.basis, cp.window_end, cp.child_id, cp.cpp_start, cp.latest_review
    from cp_plans_open() cp
    where cp.cpp_start + interval 3 month <= cp.window_end
),
judged as (
    select period, basis, child_id,
           bool_or(latest_review > window_end
                   or (latest_review >= cpp_start and latest_review + interval 6 month >= window_end)) as in_time
    from due
    group by all
)
select w.period, w.basis,
       count(j.child_id) filter (where j.in_time) as numerator,
       count(j.child_id) as denominator
from windows w
left join judged j on j.period = w.period and j.basis = w.basis
group by w.period, w.basis
