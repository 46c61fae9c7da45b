-- The local steering group's meetings: the chair records them with their decisions.

CREATE TABLE steering_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    held_on DATE NOT NULL,
    attendees TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX steering_meetings_project ON steering_meetings (project_id);

-- Minutes are not rewritten: a correction is a new meeting record or decision.
CREATE TRIGGER steering_meetings_never_change BEFORE UPDATE ON steering_meetings
BEGIN
    SELECT RAISE(ABORT, 'a meeting record is never changed');
END;

CREATE TRIGGER steering_meetings_never_go BEFORE DELETE ON steering_meetings
BEGIN
    SELECT RAISE(ABORT, 'a meeting record is never deleted');
END;

-- The meeting a decision was taken at, if any.
ALTER TABLE decisions ADD COLUMN meeting_id INTEGER REFERENCES steering_meetings (id);
