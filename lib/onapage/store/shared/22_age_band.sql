-- The age band a child is counted in (age in whole years, age_on); a negative age is an unborn child, and
-- ages 18 and over are shown rather than dropped.
create or replace macro age_band(age) as (
    case
        when age is null then 'Not recorded'
        when age < 0 then 'Unborn'
        when age < 1 then 'Under 1'
        when age <= 4 then '1-4'
        when age <= 9 then '5-9'
        when age <= 15 then '10-15'
        when age <= 17 then '16-17'
        else '18 and over'
    end);
