-- Share of ICPCs held in the window that took place within 15 working days of the strategy discussion.
-- working_days() counts day 0 as the discussion day and skips weekends and bank holidays.
select w.period, w.basis,
       count(s.child_id) filter (where working_days(s.strategy_discussion_date, s.icpc_date) <= 15) as numerator,
       count(s.child_id) as denominator
from windows w
left join list_5_s47_icpc s
    on s.icpc_date between w.window_start and w.window_end
group by w.period, w.basis
