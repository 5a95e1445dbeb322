-- Contacts received in the window by the child's age on the contact date, as a share of all contacts.
-- A date of birth after the contact is an unborn child; ages 18+ are shown rather than dropped.
with contacts as (
    select w.period, w.basis, age_on(c.date_of_birth, c.contact_date) as age
    from windows w
    join list_1_contacts c on c.contact_date between w.window_start and w.window_end
),
banded as (
    select period, basis,
           case
               when age is null then 'Not recorded'
               when age < 0 then 'Unborn'
               when age < 1 then 'Under 1'
               when age <= 4 then '1-4'
               when age <= 9 then '5-9'
               when age <= 15 then '10-15'
               when age <= 17 then '16-17'
               else '18 and over'
           end as age_band
    from contacts
)
select period, basis, age_band, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from banded
group by period, basis, age_band
