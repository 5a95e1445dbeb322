-- S47 enquiries started in the window by team, as a share of all started.
with enquiries as (
    select w.period, w.basis, coalesce(s.team, 'Not recorded') as team
    from windows w
    join list_5_s47_icpc s on s.strategy_discussion_date between w.window_start and w.window_end
)
select period, basis, team, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from enquiries
group by period, basis, team
