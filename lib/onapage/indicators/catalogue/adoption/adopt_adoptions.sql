-- Children whose adoption order was granted in the window (List 10).
select w.period, w.basis, count(distinct a.child_id) as value
from windows w
left join list_10_adoption a
    on a.adoption_order between w.window_start and w.window_end
group by w.period, w.basis
