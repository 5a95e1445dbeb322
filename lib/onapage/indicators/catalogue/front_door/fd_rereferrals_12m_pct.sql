-- Share of referrals in the window that came within 12 months of a previous referral of the same child.
-- The history is read from List 3 itself: the latest earlier referral of the child (strictly
-- before the referral date, so a same-day duplicate is not its own "previous" referral).
-- Where the list does not reach 12 months back from a referral, the column "Number of
-- Referrals in Last 12 Months" fills the gap: 2 or more (this referral and another) counts.
with coverage as (
    select min(referral_date) as first_day from list_3_referrals
),
referrals as (
    select r.child_id, r.referral_date, r.referrals_last_12m,
           max(r.referral_date) over (
               partition by r.child_id order by r.referral_date
               range between unbounded preceding and interval 1 day preceding) as previous_referral
    from list_3_referrals r
),
flagged as (
    select r.child_id, r.referral_date,
           coalesce(r.previous_referral >= r.referral_date - interval 12 month, false)
           or (r.referral_date - interval 12 month < c.first_day and coalesce(r.referrals_last_12m >= 2, false))
               as is_rereferral
    from referrals r cross join coverage c
)
select w.period, w.basis,
       count(f.child_id) filter (where f.is_rereferral) as numerator,
       count(f.child_id) as denominator
from windows w
left join flagged f
    on f.referral_date between w.window_start and w.window_end
group by w.period, w.basis
