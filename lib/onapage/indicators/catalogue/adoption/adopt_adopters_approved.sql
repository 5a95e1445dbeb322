-- Adopter households approved in the window (List 11). List 11 has a row per adopter, so a
-- couple is one household, identified by the family identifier (or the adopter if blank).
select w.period, w.basis,
       count(distinct coalesce(ad.family_id, ad.adopter_id)) as value
from windows w
left join list_11_adopters ad
    on ad.application_approved between w.window_start and w.window_end
group by w.period, w.basis
