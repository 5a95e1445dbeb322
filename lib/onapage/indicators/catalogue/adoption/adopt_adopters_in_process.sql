-- Adopter households in the adoption process at the period end: registered (stage 1 started,
-- or stage 2 or the application for those who skip stage 1) on or before it, not left the
-- process by it and no child placed with them by it. Approved adopters waiting for a match
-- are still in process; an enquiry alone is not.
select w.period, w.basis,
       count(distinct coalesce(ad.family_id, ad.adopter_id)) as value
from windows w
left join list_11_adopters ad
    on coalesce(ad.stage_1_started, ad.stage_2_started, ad.application_submitted) <= w.window_end
    and (ad.left_process is null or ad.left_process > w.window_end)
    and (ad.placed is null or ad.placed > w.window_end)
group by w.period, w.basis
