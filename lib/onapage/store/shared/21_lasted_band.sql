-- How long something started on start_day has lasted on on_day, as one of `labels`: labels[k + 1] once k of
-- the ascending `months` have been reached. N months are reached on the same day N months on; DuckDB moves
-- a day the month lacks to its last day (30 Nov + 3 months = 28 Feb; 29 Feb + 12 months = 28 Feb).
create or replace macro lasted_band(start_day, on_day, months, labels) as (
    labels[1 + len(list_filter(months, lambda m: start_day + to_months(m) <= on_day))]);
