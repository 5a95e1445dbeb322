-- Children looked after at the period end by case-holding team.
with in_care as (
    select w.period, w.basis, c.team
    from windows w
    join list_8_children_in_care c
        on c.cla_start <= w.window_end
        and (c.cla_end is null or c.cla_end > w.window_end)
        and coalesce(c.legal_status, '') not in ('V3', 'V4')
        and (c.date_of_birth is null or age_on(c.date_of_birth, w.window_end) < 18)
    qualify row_number() over (partition by w.period, w.basis, c.child_id order by c.cla_start desc) = 1
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from in_care
group by all
