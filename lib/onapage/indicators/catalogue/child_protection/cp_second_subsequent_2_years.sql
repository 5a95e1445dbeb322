-- Plans starting in the window, and those starting within 2 years of the end of the child's previous plan.
-- The previous plan must be in List 7 (the count of previous plans carries no dates); its end is the
-- latest end among the child's earlier plans, and "within 2 years" includes the anniversary itself.
with plans as (
    select child_id, cpp_start,
           max(cpp_end) over (partition by child_id order by cpp_start
                              rows between unbounded preceding and 1 preceding) as previous_end
    from list_7_child_protection
)
select w.period, w.basis,
       count(p.child_id) filter (where p.previous_end <= p.cpp_start
                                   and p.previous_end + interval 2 year >= p.cpp_start) as numerator,
       count(p.child_id) as denominator
from windows w
left join plans p on p.cpp_start between w.window_start and w.window_end
group by w.period, w.basis
