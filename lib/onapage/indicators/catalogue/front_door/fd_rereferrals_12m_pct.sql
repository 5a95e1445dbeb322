-- Share of referrals in the window that came within 12 months of a previous referral of the same child
-- (repeat_within_12_months: the history is read from List 3 itself; where the list does not reach 12
-- months back from a referral, the column "Number of Referrals in Last 12 Months" fills the gap).
with referrals as (
    select r.child_id, r.referral_date,
           repeat_within_12_months(r.child_id, r.referral_date, r.referrals_last_12m) as is_rereferral
    from list_3_referrals r
)
select w.period, w.basis,
       count(f.child_id) filter (where f.is_rereferral) as numerator,
       count(f.child_id) as denominator
from windows w
left join referrals f
    on f.referral_date between w.window_start and w.window_end
group by w.period, w.basis
