-- Children looked after at the period end by case-holding team.
with in_care as (
    select w.period, w.basis, c.team
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
    qualify row_number() over (partition by w.period, w.basis, c.child_id order by c.cla_start desc) = 1
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from in_care
group by all
