-- Children in need at the period end by case-holding team (the team on their latest open episode).
with open_cin as (
    select w.period, w.basis, c.child_id, arg_max_null(c.team, c.cin_start) as team
    from windows w
    join list_6_children_in_need c
        on c.cin_start <= w.window_end
        and (c.cin_closed is null or c.cin_closed > w.window_end)
    group by all
)
select period, basis, coalesce(team, 'Not recorded') as team, count(*) as value
from open_cin
group by all
