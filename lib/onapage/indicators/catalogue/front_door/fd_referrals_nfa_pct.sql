-- Share of referrals in the window recorded as no further action.
select w.period, w.basis,
       count(r.child_id) filter (where r.referral_nfa = 'Y') as numerator,
       count(r.child_id) as denominator
from windows w
left join list_3_referrals r
    on r.referral_date between w.window_start and w.window_end
group by w.period, w.basis
