-- Average length in hours of missing episodes (absences excluded) that ended in the window.
-- Measured on return, so an episode still open has no length yet; an end before the start
-- (a recording error) is left out rather than counted as a negative length.
select w.period, w.basis,
       sum(date_diff('minute', me.episode_start, me.episode_end)) / 60.0 as numerator,
       count(me.episode_id) as denominator
from windows w
left join extract_missing_episodes me
    on me.missing_type = 'Missing'
    and cast(me.episode_end as date) between w.window_start and w.window_end
    and me.episode_end >= me.episode_start
group by w.period, w.basis
