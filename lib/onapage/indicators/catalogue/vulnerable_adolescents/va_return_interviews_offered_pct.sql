-- Missing episodes (absences excluded) that ended in the window where a return interview was
-- offered; an episode with the offer not recorded counts in the denominator.
select w.period, w.basis,
       count(me.episode_id) filter (where me.return_interview_offered = 'Y') as numerator,
       count(me.episode_id) as denominator
from windows w
left join extract_missing_episodes me
    on me.missing_type = 'Missing'
    and cast(me.episode_end as date) between w.window_start and w.window_end
group by w.period, w.basis
