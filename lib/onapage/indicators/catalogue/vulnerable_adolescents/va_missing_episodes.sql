-- Missing episodes (absences excluded) that started in the window.
select w.period, w.basis, count(me.episode_id) as value
from windows w
left join extract_missing_episodes me
    on me.missing_type = 'Missing'
    and cast(me.episode_start as date) between w.window_start and w.window_end
group by w.period, w.basis
