-- Children in need cases open at the end of each window: started on or before it and not closed by it
-- (a case closing on the day is closed). One row per window and case, with the window's period, basis
-- and end.
create or replace macro cin_cases_open() as table
select w.period, w.basis, w.window_end, c.*
from windows w
join list_6_children_in_need c
    on open_on(c.cin_start, c.cin_closed, w.window_end);
