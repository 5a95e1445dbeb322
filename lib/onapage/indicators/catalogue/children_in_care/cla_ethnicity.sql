-- Children looked after at the period end by ethnic group (DfE main groups; Chinese is in Other, as in the DfE CLA tables).
with in_care as (
    select w.period, w.basis, c.ethnicity
    from windows w
    join list_8_children_in_care c
        on looked_after_on(c.cla_start, c.cla_end, c.legal_status, c.date_of_birth, w.window_end)
    qualify row_number() over (partition by w.period, w.basis, c.child_id order by c.cla_start desc) = 1
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
