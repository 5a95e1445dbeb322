-- Average calendar days from entering care to being placed for adoption, for children placed
-- for adoption in the window (A1-style; DfE's A1 takes children adopted, this takes the
-- placement in the window so the measure moves as soon as a child is placed).
select w.period, w.basis,
       sum(a.placed_for_adoption - a.entered_care) as numerator,
       count(a.child_id) as denominator
from windows w
left join list_10_adoption a
    on a.placed_for_adoption between w.window_start and w.window_end
group by w.period, w.basis
