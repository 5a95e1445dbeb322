-- Rows of `table` dated in the window (by `date`), and those of them that repeat an event of the same child
-- within the 12 months before (repeat_within_12_months, read over the whole list: where the list does not
-- reach 12 months back, its own `count_last_12m` column fills the gap). One row per window.
with flagged as (
    select t.child_id, t.${date} as event_day,
           repeat_within_12_months(t.child_id, t.${date}, t.${count_last_12m}) as is_repeat
    from ${table} t
)
select w.period, w.basis,
       count(f.child_id) filter (where f.is_repeat) as numerator,
       count(f.child_id) as denominator
from windows w
left join flagged f
    on f.event_day between w.window_start and w.window_end
group by w.period, w.basis
