-- Age in whole years on a day; someone born on 29 February becomes a year older on 1 March
-- in other years, as in English law.
create or replace macro age_on(date_of_birth, on_day) as (
    year(on_day) - year(date_of_birth)
    - case when month(on_day) * 100 + day(on_day) < month(date_of_birth) * 100 + day(date_of_birth)
           then 1 else 0 end);
