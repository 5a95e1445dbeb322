-- Children looked after at the period end by ethnic group (DfE main groups; Chinese is in Other, as in the DfE CLA tables).
with in_care as (
    select c.period, c.basis, c.ethnicity
    from looked_after() c
)
select period, basis,
       case when ethnicity in ('WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM') then 'White'
            when ethnicity in ('MWBC', 'MWBA', 'MWAS', 'MOTH') then 'Mixed'
            when ethnicity in ('AIND', 'APKN', 'ABAN', 'AOTH') then 'Asian'
            when ethnicity in ('BCRB', 'BAFR', 'BOTH') then 'Black'
            when ethnicity in ('CHNE', 'OOTH') then 'Other'
            else 'Refused or not known' end as ethnic_group,
       count(*) as value
from in_care
group by all
