-- Children flagged as gang-affiliated on a missing episode (absences excluded) starting in
-- the window.
select w.period, w.basis, count(distinct me.child_id) as value
from windows w
left join extract_missing_episodes me
    on me.missing_type = 'Missing'
    and me.gang_affiliated = 'Y'
    and cast(me.episode_start as date) between w.window_start and w.window_end
group by w.period, w.basis
