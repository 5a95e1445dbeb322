-- Share of ICPCs held in the window that resulted in a child protection plan.
select w.period, w.basis,
       count(s.child_id) filter (where s.icpc_resulted_in_plan = 'Y') as numerator,
       count(s.child_id) as denominator
from windows w
left join list_5_s47_icpc s
    on s.icpc_date between w.window_start and w.window_end
group by w.period, w.basis
