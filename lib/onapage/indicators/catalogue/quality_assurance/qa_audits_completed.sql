-- Case audits completed in the window (an audit has one row per domain: counted once, on its
-- earliest date should its rows disagree).
with audits as (
    select audit_id, min(audit_date) as audit_date
    from extract_audits
    group by audit_id
)
select w.period, w.basis, count(a.audit_id) as value
from windows w
left join audits a on a.audit_date between w.window_start and w.window_end
group by w.period, w.basis
