-- Rows of `table` dated in the window (by `date`) that meet `condition`, counted by `breakdown`: the row is
-- `t`, its category `category`.
select w.period, w.basis, ${category} as ${breakdown}, count(*) as value
from windows w
join ${table} t
    on t.${date} between w.window_start and w.window_end
    and ${condition}
group by w.period, w.basis, ${category}
