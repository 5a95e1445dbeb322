-- The source group a contact or referral source code is printed under: police and other legal agencies;
-- schools and education services; health services; LA services (5A-5D); everything else, including
-- housing, individuals and a blank source.
create or replace macro source_group(source_code) as (
    case
        when source_code in ('6', '7') then 'Police / legal agency'
        when source_code in ('2A', '2B') then 'School / education'
        when source_code like '3_' then 'Health services'
        when source_code like '5_' then 'LA services'
        else 'Other (incl. missing)'
    end);
