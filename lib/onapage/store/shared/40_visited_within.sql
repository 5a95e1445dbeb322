-- Whether a child had a visit of a kind (extract_visits.visit_type) in the `days` days ending on on_day,
-- or (visited_within_working_days) on a day v on or before on_day with working_days(v, on_day) <= days.
create or replace macro visited_within_days(child, kind, on_day, days) as (
    exists (select 1 from extract_visits v
            where v.child_id = child and v.visit_type = kind
              and v.visit_date between on_day - (days - 1) and on_day));
create or replace macro visited_within_working_days(child, kind, on_day, days) as (
    exists (select 1 from extract_visits v
            where v.child_id = child and v.visit_type = kind
              -- n working days never span more than 2n + 1 calendar days: a cheap pre-filter before the calendar
              and v.visit_date between on_day - (2 * days + 1) and on_day
              and working_days(v.visit_date, on_day) <= days));
