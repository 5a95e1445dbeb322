-- Periods of care ending in the window, and those ending in a special guardianship order.
-- E45-E48 are the current SGO codes; E43 and E44 are the earlier ones (to former foster carers / to
-- other carers), kept so older lists still count.
select w.period, w.basis,
       count(distinct (c.child_id, c.cla_start))
           filter (where c.reason_ceased in ('E43', 'E44', 'E45', 'E46', 'E47', 'E48')) as numerator,
       count(distinct (c.child_id, c.cla_start)) filter (where c.child_id is not null) as denominator
from windows w
left join list_8_children_in_care c
    on c.cla_end between w.window_start and w.window_end
    and coalesce(c.legal_status, '') not in ('V3', 'V4')
group by w.period, w.basis
