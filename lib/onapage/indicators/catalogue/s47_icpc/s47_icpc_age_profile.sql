-- Children who had an ICPC in the window by age band on the conference date, as a share of those children.
-- A date of birth after the conference is an unborn child. A child with two conferences in the
-- window counts once in the total (and once in each band their ages fall in).
with conferences as (
    select w.period, w.basis, s.child_id, age_on(s.date_of_birth, s.icpc_date) as age
    from windows w
    join list_5_s47_icpc s on s.icpc_date between w.window_start and w.window_end
),
children as (
    select period, basis, count(distinct child_id) as children from conferences group by period, basis
),
banded as (
    select period, basis, child_id, age_band(age) as age_band
    from conferences
)
select b.period, b.basis, b.age_band, count(distinct b.child_id) as numerator, any_value(c.children) as denominator
from banded b
join children c using (period, basis)
group by b.period, b.basis, b.age_band
