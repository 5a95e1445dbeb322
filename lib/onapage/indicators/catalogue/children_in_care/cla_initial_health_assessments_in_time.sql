-- Children whose initial health assessment fell due in the window, and those assessed within 20 working days of entering care.
-- Due date: the 20th working day after the period of care started (day 0 = the start). Children who had
-- left care before it, and short breaks (V3, V4), are left out. List 8 keeps only the latest assessment
-- date, so a timely initial assessment followed by a review assessment shows as late (see caveats).
with entrants as (
    select c.child_id, c.cla_start, c.cla_end, c.last_health_assessment, due.day as iha_due
    from list_8_children_in_care c
    join calendar_days s on s.day = c.cla_start
    join calendar_days due
        on due.working_day_number = s.working_day_number + 20
        and due.is_working_day
    where coalesce(c.legal_status, '') not in ('V3', 'V4')
)
select w.period, w.basis,
       count(e.child_id) filter (where e.last_health_assessment between e.cla_start and e.iha_due) as numerator,
       count(e.child_id) as denominator
from windows w
left join entrants e
    on e.iha_due between w.window_start and w.window_end
    and (e.cla_end is null or e.cla_end > e.iha_due)
group by w.period, w.basis
