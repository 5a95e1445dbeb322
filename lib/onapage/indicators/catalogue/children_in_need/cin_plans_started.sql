-- Child-in-need episodes starting in the window; a row repeated in the list counts once.
select w.period, w.basis,
       count(distinct (c.child_id, c.cin_start)) filter (where c.child_id is not null) as value
from windows w
left join list_6_children_in_need c
    on c.cin_start between w.window_start and w.window_end
group by w.period, w.basis
