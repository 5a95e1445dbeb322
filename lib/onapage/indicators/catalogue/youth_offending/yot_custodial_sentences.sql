-- Young people sentenced to custody in the window (a custodial order starting in it).
select w.period, w.basis, count(distinct yo.child_id) as value
from windows w
left join extract_youth_offending yo
    on yo.order_start between w.window_start and w.window_end
    and yo.custody = 'Y'
group by w.period, w.basis
