-- Decisions of every body, the local steering groups, settings, and the audit trail.

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- Above this budget frame (SEK), a directive is approved by the management group.
INSERT INTO settings (key, value) VALUES ('management_group_threshold_sek', '1000000');

CREATE TABLE steering_group_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('chair', 'member', 'co_opted')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, user_id)
);

-- A steering group has at most one chair.
CREATE UNIQUE INDEX steering_group_one_chair ON steering_group_members (project_id) WHERE role = 'chair';

-- Every decision of every body: the start of the organisation-wide decision log.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    body TEXT NOT NULL CHECK (body IN ('management_group', 'development_manager', 'steering_group')),
    -- What the number runs under: the body, and for a steering group also its project.
    numbering_key TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    decided_on DATE NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    project_id INTEGER REFERENCES projects (id),
    phase_from TEXT,
    phase_to TEXT,
    -- The person who entered the decision.
    recorded_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (numbering_key, year, number)
);

CREATE INDEX decisions_project ON decisions (project_id);

CREATE TRIGGER decisions_never_change BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'a decision is never changed: record a new one');
END;

CREATE TRIGGER decisions_never_go BEFORE DELETE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'a decision is never deleted');
END;

-- Append-only: who did what, when, with the values before and after.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TIMESTAMP NOT NULL,
    user_id INTEGER REFERENCES users (id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    project_id INTEGER REFERENCES projects (id),
    before TEXT,
    after TEXT
);

CREATE INDEX audit_log_project ON audit_log (project_id);

CREATE TRIGGER audit_log_never_changes BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_never_shrinks BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
