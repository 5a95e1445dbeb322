-- Referrals in the window by source group, as a share of all referrals.
-- Groups as the booklet prints them (same grouping as fd_contacts_by_source):
-- police and other legal agencies; schools and education services; health services;
-- LA services (5A-5D); everything else, including housing, individuals and a blank source.
with referrals as (
    select w.period, w.basis,
           case
               when r.referral_source in ('6', '7') then 'Police / legal agency'
               when r.referral_source in ('2A', '2B') then 'School / education'
               when r.referral_source like '3_' then 'Health services'
               when r.referral_source like '5_' then 'LA services'
               else 'Other (incl. missing)'
           end as source
    from windows w
    join list_3_referrals r on r.referral_date between w.window_start and w.window_end
)
select period, basis, source, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from referrals
group by period, basis, source
