-- Average length in hours of missing episodes (absences excluded) that ended in the window,
-- from home and from care (negative lengths, a recording error, left out).
select w.period, w.basis,
       case me.looked_after when 'Y' then 'From care' when 'N' then 'From home'
            else 'Not recorded' end as location,
       sum(date_diff('minute', me.episode_start, me.episode_end)) / 60.0 as numerator,
       count(me.episode_id) as denominator
from windows w
join extract_missing_episodes me
    on me.missing_type = 'Missing'
    and cast(me.episode_end as date) between w.window_start and w.window_end
    and me.episode_end >= me.episode_start
group by all
