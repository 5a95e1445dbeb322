-- Child protection plans open at the end of each window: started on or before it and not ended by it
-- (a plan ending on the day is closed). One row per window and plan, with the window's period, basis and
-- end. Joined from `windows` by period and basis, so a window with no open plan still counts zero.
create or replace macro cp_plans_open() as table
select w.period, w.basis, w.window_end, cp.*
from windows w
join list_7_child_protection cp
    on open_on(cp.cpp_start, cp.cpp_end, w.window_end);
