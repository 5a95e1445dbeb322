-- Missing episodes (absences excluded) that started in the window, from home or from care
-- (whether the child was looked after when the episode started).
select w.period, w.basis,
       case me.looked_after when 'Y' then 'From care' when 'N' then 'From home'
            else 'Not recorded' end as location,
       count(me.episode_id) as value
from windows w
join extract_missing_episodes me
    on me.missing_type = 'Missing'
    and cast(me.episode_start as date) between w.window_start and w.window_end
group by all
