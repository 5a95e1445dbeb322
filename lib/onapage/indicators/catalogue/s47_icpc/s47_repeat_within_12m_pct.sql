-- Share of S47 enquiries started in the window for a child who had another S47 in the 12 months before.
-- Earlier enquiries are found in List 5 itself (on an earlier day: same-day rows are one event).
-- Where the list does not reach 12 months back, "Number of Section 47 Enquiries in the last 12
-- months" fills the gap: 2 or more (this enquiry and another) counts.
with coverage as (
    select min(strategy_discussion_date) as first_day from list_5_s47_icpc
),
enquiries as (
    select s.child_id, s.strategy_discussion_date as started, s.s47_last_12m,
           max(s.strategy_discussion_date) over (
               partition by s.child_id order by s.strategy_discussion_date
               range between unbounded preceding and interval 1 day preceding) as previous_start
    from list_5_s47_icpc s
),
flagged as (
    select e.child_id, e.started,
           coalesce(e.previous_start >= e.started - interval 12 month, false)
           or (e.started - interval 12 month < c.first_day and coalesce(e.s47_last_12m >= 2, false))
               as is_repeat
    from enquiries e cross join coverage c
)
select w.period, w.basis,
       count(f.child_id) filter (where f.is_repeat) as numerator,
       count(f.child_id) as denominator
from windows w
left join flagged f
    on f.started between w.window_start and w.window_end
group by w.period, w.basis
