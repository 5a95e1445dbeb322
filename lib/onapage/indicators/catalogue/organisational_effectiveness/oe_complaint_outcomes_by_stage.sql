-- Complaints responded to in the window with an outcome, by stage and outcome, as a share of the stage's.
select w.period, w.basis,
       coalesce(c.stage, 'Not recorded') || ': ' || c.outcome as stage_outcome,
       count(*) as numerator,
       sum(count(*)) over (partition by w.period, w.basis, coalesce(c.stage, 'Not recorded')) as denominator
from windows w
join extract_complaints c
    on c.responded between w.window_start and w.window_end
    and c.enquiry_type in ('Statutory complaint', 'Corporate complaint')
    and c.outcome is not null
group by w.period, w.basis, coalesce(c.stage, 'Not recorded'), c.outcome
