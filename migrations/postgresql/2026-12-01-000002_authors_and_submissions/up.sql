-- Who last edited and who submitted a directive or plan version, and the day it was submitted:
-- four eyes keeps them from deciding it, and its decision is not dated before its submission.

ALTER TABLE directives ADD COLUMN edited_by BIGINT REFERENCES users (id);
ALTER TABLE directives ADD COLUMN submitted_by BIGINT REFERENCES users (id);
ALTER TABLE directives ADD COLUMN submitted_on DATE;

ALTER TABLE plans ADD COLUMN edited_by BIGINT REFERENCES users (id);
ALTER TABLE plans ADD COLUMN submitted_by BIGINT REFERENCES users (id);
ALTER TABLE plans ADD COLUMN submitted_on DATE;

-- A version still waiting for its decision learns who submitted it, and when, from the audit
-- trail: nothing updates a submitted version but its submission, so its newest update is that.
-- Who edited it last is not told apart from the submitter there; its creator stands in. Decided
-- versions keep the new columns empty (an approved version never changes, which a trigger
-- enforces); nothing is decided on them again.
-- PostgreSQL: SQLite's date(a.at) is CAST(a.at AS DATE).
UPDATE directives
SET edited_by = created_by,
    submitted_by = (
        SELECT a.user_id FROM audit_log a
        WHERE a.entity = 'directive' AND a.entity_id = directives.id AND a.action = 'update'
        ORDER BY a.id DESC LIMIT 1
    ),
    submitted_on = (
        SELECT CAST(a.at AS DATE) FROM audit_log a
        WHERE a.entity = 'directive' AND a.entity_id = directives.id AND a.action = 'update'
        ORDER BY a.id DESC LIMIT 1
    )
WHERE status = 'submitted';

UPDATE plans
SET edited_by = created_by,
    submitted_by = (
        SELECT a.user_id FROM audit_log a
        WHERE a.entity = 'plan' AND a.entity_id = plans.id AND a.action = 'update'
        ORDER BY a.id DESC LIMIT 1
    ),
    submitted_on = (
        SELECT CAST(a.at AS DATE) FROM audit_log a
        WHERE a.entity = 'plan' AND a.entity_id = plans.id AND a.action = 'update'
        ORDER BY a.id DESC LIMIT 1
    )
WHERE status = 'submitted';
