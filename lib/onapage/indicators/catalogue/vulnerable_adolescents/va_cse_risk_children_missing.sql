-- Children flagged at risk of child sexual exploitation on a missing episode (absences
-- excluded) starting in the window.
select w.period, w.basis, count(distinct me.child_id) as value
from windows w
left join extract_missing_episodes me
    on me.missing_type = 'Missing'
    and me.cse_risk = 'Y'
    and cast(me.episode_start as date) between w.window_start and w.window_end
group by w.period, w.basis
