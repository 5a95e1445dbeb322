-- Whether a child's event on on_day repeats one of theirs within the 12 months before it, over the rows of
-- the list the query reads: the child's latest earlier event (strictly before on_day, so a same-day
-- duplicate is not its own "previous" event) is within 12 months; or, where the list does not reach 12
-- months back from on_day, the list's own count of the child's events in the last 12 months
-- (count_last_12m, this event included) is 2 or more.
create or replace macro repeat_within_12_months(child, on_day, count_last_12m) as (
    coalesce(max(on_day) over (partition by child order by on_day
                               range between unbounded preceding and interval 1 day preceding)
             >= on_day - interval 12 month, false)
    or (on_day - interval 12 month < min(on_day) over () and coalesce(count_last_12m >= 2, false)));
