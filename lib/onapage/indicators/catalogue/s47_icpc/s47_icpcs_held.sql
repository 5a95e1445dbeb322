-- Children who had an initial child protection conference in the window.
select w.period, w.basis, count(distinct s.child_id) as value
from windows w
left join list_5_s47_icpc s
    on s.icpc_date between w.window_start and w.window_end
group by w.period, w.basis
