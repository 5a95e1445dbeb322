-- An audit grade's rank, best first: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate;
-- anything else (a blank) has none. A smaller rank is a better grade.
create or replace macro grade_rank(grade) as (
    case grade when 'Outstanding' then 1 when 'Good' then 2
               when 'Requires improvement' then 3 when 'Inadequate' then 4 end);
