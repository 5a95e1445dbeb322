-- Contacts received in the window by the child's gender, as a share of all contacts received.
with contacts as (
    select w.period, w.basis, coalesce(c.gender, 'Not recorded') as gender
    from windows w
    join list_1_contacts c on c.contact_date between w.window_start and w.window_end
)
select period, basis, gender, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from contacts
group by period, basis, gender
