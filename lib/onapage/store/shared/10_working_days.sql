-- Working days from start_day to end_day, day 0 being the start (REPORT_SPEC §4).
create or replace macro working_days(start_day, end_day) as (
    (select working_day_number from calendar_days where day = cast(end_day as date))
    - (select working_day_number from calendar_days where day = cast(start_day as date)));
