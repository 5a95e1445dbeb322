-- Referrals in the window by allocated team, as a share of all referrals.
with referrals as (
    select w.period, w.basis, coalesce(r.team, 'Not allocated') as team
    from windows w
    join list_3_referrals r on r.referral_date between w.window_start and w.window_end
)
select period, basis, team, count(*) as numerator,
       sum(count(*)) over (partition by period, basis) as denominator
from referrals
group by period, basis, team
