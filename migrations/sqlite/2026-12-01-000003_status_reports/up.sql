-- Monthly status reports (statusrapport), their milestone updates and escalations, the
-- development manager's review of each, and the frozen roll-ups to the management group.

-- The approved plan's tolerances: how far a milestone may slip (days) and the forecast at
-- completion may exceed the budget (percent) before a report is an exception report. Existing
-- plans take the governance model's defaults; adding a column is not an update, so approved
-- plans stay as they were approved.
ALTER TABLE plans ADD COLUMN time_tolerance_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE plans ADD COLUMN cost_tolerance_percent INTEGER NOT NULL DEFAULT 10;

-- One row per version of a project's report for a period: version 1 is the report, later
-- versions are revisions with a reason. A submitted version never changes (triggers below).
CREATE TABLE status_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    period TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    overall TEXT,
    overall_comment TEXT NOT NULL DEFAULT '',
    time_light TEXT,
    time_comment TEXT NOT NULL DEFAULT '',
    cost_light TEXT,
    cost_comment TEXT NOT NULL DEFAULT '',
    scope_light TEXT,
    scope_comment TEXT NOT NULL DEFAULT '',
    resources_light TEXT,
    resources_comment TEXT NOT NULL DEFAULT '',
    risk_light TEXT,
    risk_comment TEXT NOT NULL DEFAULT '',
    done TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    risks TEXT NOT NULL DEFAULT '',
    cost_to_date_sek BIGINT,
    forecast_sek BIGINT,
    -- Whether the version, when saved, forecast beyond a tolerance of the plan it reports
    -- against: an exception report. The lights Styr computes are computed again from that plan
    -- and the version's milestone updates, neither of which changes once submitted.
    exception BOOLEAN NOT NULL DEFAULT 0,
    -- The approved plan the version reports against.
    plan_id INTEGER REFERENCES plans (id),
    revision_reason TEXT,
    lock_version BIGINT NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    edited_by INTEGER REFERENCES users (id),
    submitted_by INTEGER REFERENCES users (id),
    submitted_on DATE,
    UNIQUE (project_id, period, version)
);

CREATE INDEX status_reports_period ON status_reports (period, project_id);

CREATE TRIGGER submitted_report_never_changes BEFORE UPDATE ON status_reports
WHEN OLD.status = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'a submitted status report never changes: revise it');
END;

CREATE TRIGGER submitted_report_never_deleted BEFORE DELETE ON status_reports
WHEN OLD.status = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'a submitted status report is never deleted');
END;

-- A report's update of one milestone of the plan it reports against.
CREATE TABLE report_milestones (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    report_id INTEGER NOT NULL REFERENCES status_reports (id),
    milestone_id INTEGER NOT NULL REFERENCES plan_milestones (id),
    actual_on DATE,
    forecast_on DATE,
    UNIQUE (report_id, milestone_id)
);

CREATE TRIGGER submitted_report_milestones_fixed_insert BEFORE INSERT ON report_milestones
WHEN (SELECT status FROM status_reports WHERE id = NEW.report_id) = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'the milestones of a submitted status report never change');
END;

CREATE TRIGGER submitted_report_milestones_fixed_update BEFORE UPDATE ON report_milestones
WHEN (SELECT status FROM status_reports WHERE id = OLD.report_id) = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'the milestones of a submitted status report never change');
END;

CREATE TRIGGER submitted_report_milestones_fixed_delete BEFORE DELETE ON report_milestones
WHEN (SELECT status FROM status_reports WHERE id = OLD.report_id) = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'the milestones of a submitted status report never change');
END;

-- An escalation raised in a report version. It is open from the version's submission until a
-- decision of the addressed body answers it.
CREATE TABLE escalations (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    report_id INTEGER NOT NULL REFERENCES status_reports (id),
    project_id INTEGER NOT NULL REFERENCES projects (id),
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    addressed_to TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    answered_by_decision_id INTEGER REFERENCES decisions (id),
    answered_at TIMESTAMP
);

CREATE INDEX escalations_project ON escalations (project_id);
CREATE INDEX escalations_report ON escalations (report_id);

-- What an escalation says never changes once its report is submitted; only its answer is added,
-- once.
CREATE TRIGGER raised_escalation_fixed BEFORE UPDATE ON escalations
WHEN (SELECT status FROM status_reports WHERE id = OLD.report_id) = 'submitted'
    AND (NEW.text IS NOT OLD.text OR NEW.kind IS NOT OLD.kind
         OR NEW.addressed_to IS NOT OLD.addressed_to OR NEW.report_id IS NOT OLD.report_id
         OR OLD.answered_by_decision_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a raised escalation never changes; it is answered once');
END;

CREATE TRIGGER raised_escalation_never_deleted BEFORE DELETE ON escalations
WHEN (SELECT status FROM status_reports WHERE id = OLD.report_id) = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'a raised escalation is never deleted');
END;

-- The development manager's review (kvittering) of a submitted report version: once.
CREATE TABLE report_reviews (
    report_id INTEGER PRIMARY KEY NOT NULL REFERENCES status_reports (id),
    reviewed_by INTEGER NOT NULL REFERENCES users (id),
    reviewed_at TIMESTAMP NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER review_never_changes BEFORE UPDATE ON report_reviews
BEGIN
    SELECT RAISE(ABORT, 'a review never changes');
END;

CREATE TRIGGER review_never_deleted BEFORE DELETE ON report_reviews
BEGIN
    SELECT RAISE(ABORT, 'a review is never deleted');
END;

-- A roll-up issued to the management group for a period, frozen: its content is kept as it was
-- when issued, and never changes.
CREATE TABLE rollups (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    period TEXT NOT NULL UNIQUE,
    issued_by INTEGER NOT NULL REFERENCES users (id),
    issued_at TIMESTAMP NOT NULL,
    content TEXT NOT NULL
);

CREATE TRIGGER rollup_never_changes BEFORE UPDATE ON rollups
BEGIN
    SELECT RAISE(ABORT, 'an issued roll-up never changes');
END;

CREATE TRIGGER rollup_never_deleted BEFORE DELETE ON rollups
BEGIN
    SELECT RAISE(ABORT, 'an issued roll-up is never deleted');
END;
