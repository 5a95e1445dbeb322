-- Share of S47 enquiries started in the window for a child who had another S47 in the 12 months before
-- (repeat_within_12_months: earlier enquiries are found in List 5 itself, on an earlier day; where the list
-- does not reach 12 months back, "Number of Section 47 Enquiries in the last 12 months" fills the gap).
with enquiries as (
    select s.child_id, s.strategy_discussion_date as started,
           repeat_within_12_months(s.child_id, s.strategy_discussion_date, s.s47_last_12m) as is_repeat
    from list_5_s47_icpc s
)
select w.period, w.basis,
       count(e.child_id) filter (where e.is_repeat) as numerator,
       count(e.child_id) as denominator
from windows w
left join enquiries e
    on e.started between w.window_start and w.window_end
group by w.period, w.basis
