-- Looked after at the end of on_day: the period of care has started and is still open (one ending that
-- day is closed); short breaks (legal status V3, V4) are left out as in the DfE figures, and so is anyone
-- 18 or over (care ends at 18: an end date missing for them is a recording gap).
create or replace macro looked_after_on(cla_start, cla_end, legal_status, date_of_birth, on_day) as (
    open_on(cla_start, cla_end, on_day)
    and coalesce(legal_status, '') not in ('V3', 'V4')
    and (date_of_birth is null or age_on(date_of_birth, on_day) < 18));
