-- Share of strategy discussions held in the window that each agency attended, of those it was invited to.
-- Attending without an invitation is not counted: the rate is of invitations.
select w.period, w.basis, a.agency,
       count(distinct a.discussion_id) filter (where a.invited = 'Y' and a.attended = 'Y') as numerator,
       count(distinct a.discussion_id) filter (where a.invited = 'Y') as denominator
from windows w
join extract_strategy_attendance a on a.discussion_date between w.window_start and w.window_end
group by w.period, w.basis, a.agency
