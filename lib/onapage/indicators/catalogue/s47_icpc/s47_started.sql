-- Strategy discussions initiating a Section 47 enquiry in the window (List 5: one row per enquiry per child).
select w.period, w.basis, count(s.child_id) as value
from windows w
left join list_5_s47_icpc s
    on s.strategy_discussion_date between w.window_start and w.window_end
group by w.period, w.basis
