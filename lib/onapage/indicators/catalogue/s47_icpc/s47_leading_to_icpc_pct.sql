-- Share of S47 enquiries started in the window, with a known outcome, that led to an initial conference.
-- Led to an ICPC: a conference date is recorded, or the conference was not deemed unnecessary.
-- Enquiries with neither answer are still open and left out of both sides.
select w.period, w.basis,
       count(s.child_id) filter (where s.icpc_date is not null or s.icpc_not_required = 'N') as numerator,
       count(s.child_id) filter (where s.icpc_date is not null or s.icpc_not_required is not null) as denominator
from windows w
left join list_5_s47_icpc s
    on s.strategy_discussion_date between w.window_start and w.window_end
group by w.period, w.basis
