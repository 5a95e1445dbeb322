-- Plans starting in the window, and those that were the child's second or subsequent plan (ever).
-- Subsequent: List 7 says the child had previous plans, or the list itself holds an earlier plan
-- for the child (either is enough: the count is often blank or zero when the earlier plan is listed).
with plans as (
    select child_id, cpp_start,
           coalesce(previous_cp_plans, 0) > 0
           or lag(cpp_start) over (partition by child_id order by cpp_start) is not null as subsequent
    from list_7_child_protection
)
select w.period, w.basis,
       count(p.child_id) filter (where p.subsequent) as numerator,
       count(p.child_id) as denominator
from windows w
left join plans p on p.cpp_start between w.window_start and w.window_end
group by w.period, w.basis
