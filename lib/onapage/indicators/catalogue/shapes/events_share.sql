-- Rows of `table` dated in the window (by `date`), and those of them for which `counted`: one row per
-- window, so a window with no rows still has its zero denominator. The row's table is `t`.
select w.period, w.basis,
       count(t.${key}) filter (where ${counted}) as numerator,
       count(t.${key}) as denominator
from windows w
left join ${table} t
    on t.${date} between w.window_start and w.window_end
group by w.period, w.basis
