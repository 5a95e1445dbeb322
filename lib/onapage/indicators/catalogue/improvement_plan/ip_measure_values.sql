-- Each improvement plan measure's value in the period's month, by plan ID (the extract's month
-- may be dated the 1st or any other day of the month).
select w.period, w.basis, ip.plan_id, any_value(ip.value) as value
from windows w
join extract_improvement_plan ip
    on ip.month between date_trunc('month', w.window_end) and w.window_end
group by w.period, w.basis, ip.plan_id
