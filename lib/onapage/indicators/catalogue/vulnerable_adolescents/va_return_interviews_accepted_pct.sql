-- Of missing episodes (absences excluded) ending in the window with a return interview offered,
-- those where the child accepted it.
select w.period, w.basis,
       count(me.episode_id) filter (where me.return_interview_accepted = 'Y') as numerator,
       count(me.episode_id) as denominator
from windows w
left join extract_missing_episodes me
    on me.missing_type = 'Missing'
    and me.return_interview_offered = 'Y'
    and cast(me.episode_end as date) between w.window_start and w.window_end
group by w.period, w.basis
