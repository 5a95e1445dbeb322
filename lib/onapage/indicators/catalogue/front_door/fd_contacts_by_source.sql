-- Contacts received in the window by source group, as a share of all contacts received.
-- Groups as the booklet prints them (same grouping as fd_referrals_by_source):
-- police and other legal agencies; schools and education services; health services;
-- LA services (5A-5D); everything else, including housing, individuals and a blank source.
with contacts as (
    select w.period, w.basis,
           case
               when c.contact_source in ('6', '7') then 'Police / legal agency'
               when c.contact_source in ('2A', '2B') then 'School / education'
               when c.contact_source like '3_' then 'Health services'
               when c.contact_source like '5_' then 'LA services'
               else 'Other (incl. missing)'
           end as source
    from windows w
    join list_1_contacts c on c.contact_date between w.window_start and w.window_end
)
select period, basis, source, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from contacts
group by period, basis, source
