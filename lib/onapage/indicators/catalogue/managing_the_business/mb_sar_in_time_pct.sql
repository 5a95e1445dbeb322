-- Subject access requests answered in the window, and of those the ones answered by their due date.
select w.period, w.basis,
       count(*) filter (where s.responded <= s.due) as numerator,
       count(s.request_id) as denominator
from windows w
left join extract_subject_access_requests s on s.responded between w.window_start and w.window_end
group by w.period, w.basis
