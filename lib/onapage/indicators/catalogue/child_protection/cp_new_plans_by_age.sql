-- Child protection plans starting in the window by the child's age on the plan start date.
select w.period, w.basis,
       case when cp.date_of_birth is null then 'Not recorded'
            when cp.date_of_birth > cp.cpp_start then 'Unborn'
            when age_on(cp.date_of_birth, cp.cpp_start) < 1 then 'Under 1'
            when age_on(cp.date_of_birth, cp.cpp_start) <= 5 then '1 to 5'
            when age_on(cp.date_of_birth, cp.cpp_start) <= 10 then '6 to 10'
            when age_on(cp.date_of_birth, cp.cpp_start) <= 15 then '11 to 15'
            else '16+' end as age_band,
       count(*) as value
from windows w
join list_7_child_protection cp
    on cp.cpp_start between w.window_start and w.window_end
group by all
