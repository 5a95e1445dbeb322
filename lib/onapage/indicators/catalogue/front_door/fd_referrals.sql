-- Referrals to children's social care in the window (Annex A List 3: one row per referral).
select w.period, w.basis, count(r.child_id) as value
from windows w
left join list_3_referrals r
    on r.referral_date between w.window_start and w.window_end
group by w.period, w.basis
