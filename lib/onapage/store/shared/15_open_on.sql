-- Open at the end of on_day: started on or before it and not ended by it (something ending on the day is
-- closed; no end date is still open).
create or replace macro open_on(start_day, end_day, on_day) as (
    start_day <= on_day and (end_day is null or end_day > on_day));
