-- Early help assessments open at the end of each window: started on or before it and not completed by it
-- (one completed on the day is closed). One row per window and assessment, with the window's period,
-- basis and end.
create or replace macro eh_assessments_open() as table
select w.period, w.basis, w.window_end, e.*
from windows w
join list_2_early_help_assessments e
    on open_on(e.eh_assessment_start, e.eh_assessment_completed, w.window_end);
