-- Children on a plan at the period end, and those under 5 on it (unborn children included).
select w.period, w.basis,
       count(distinct cp.child_id) filter (where cp.date_of_birth > w.window_end
                                             or age_on(cp.date_of_birth, w.window_end) < 5) as numerator,
       count(distinct cp.child_id) as denominator
from windows w
left join cp_plans_open() cp on cp.period = w.period and cp.basis = w.basis
group by w.period, w.basis
