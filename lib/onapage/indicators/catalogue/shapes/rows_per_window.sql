-- One row per window, a window that no row joins included: the rows of `table`, as `t`, that join the
-- window `w` on the entry's `joined` condition, measured by its `measures` (value, or numerator and
-- denominator).
select w.period, w.basis,
       ${measures}
from windows w
left join ${table} t
    on ${joined}
group by w.period, w.basis
