-- Share of strategy discussions held in the window to which each agency was invited.
-- An agency with no row for a discussion was not invited to it.
with discussions as (
    select w.period, w.basis, a.discussion_id, a.agency, a.invited
    from windows w
    join extract_strategy_attendance a on a.discussion_date between w.window_start and w.window_end
),
held as (
    select period, basis, count(distinct discussion_id) as discussions from discussions group by period, basis
)
select d.period, d.basis, d.agency,
       count(distinct d.discussion_id) filter (where d.invited = 'Y') as numerator,
       any_value(h.discussions) as denominator
from discussions d
join held h using (period, basis)
group by d.period, d.basis, d.agency
