-- The management group's (and steering groups') meetings and their minutes, the decision log's
-- new fields and its full-text index, action items, and the monthly budget follow-up (issue 9).

-- A meeting of a body. A steering group's meeting names its project. The chair and the adjuster
-- (justerare) adjust the minutes, each once, recorded with the time; the second signature locks
-- them.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    body TEXT NOT NULL CHECK (body IN ('management_group', 'steering_group')),
    project_id INTEGER REFERENCES projects (id),
    held_on DATE NOT NULL,
    starts_at TEXT NOT NULL,
    place TEXT NOT NULL,
    chair_id INTEGER NOT NULL REFERENCES users (id),
    secretary_id INTEGER NOT NULL REFERENCES users (id),
    adjuster_id INTEGER NOT NULL REFERENCES users (id),
    state TEXT NOT NULL DEFAULT 'planned'
        CHECK (state IN ('planned', 'held', 'adjusting', 'locked')),
    attendance_taken BOOLEAN NOT NULL DEFAULT 0,
    chair_signed_at TIMESTAMP,
    adjuster_signed_at TIMESTAMP,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    CHECK ((body = 'steering_group') = (project_id IS NOT NULL)),
    CHECK (chair_id <> adjuster_id)
);

CREATE INDEX meetings_held_on ON meetings (held_on);
CREATE INDEX meetings_project ON meetings (project_id);

-- Once someone has adjusted the minutes, nothing in the meeting changes but the second signature,
-- which locks it; locked minutes never change.
CREATE TRIGGER meeting_locked_never_changes BEFORE UPDATE ON meetings
WHEN OLD.state = 'locked'
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER meeting_adjusting_only_signed BEFORE UPDATE ON meetings
WHEN OLD.state = 'adjusting'
    AND (NEW.state IS NOT 'locked'
         OR NEW.body IS NOT OLD.body OR NEW.project_id IS NOT OLD.project_id
         OR NEW.held_on IS NOT OLD.held_on OR NEW.starts_at IS NOT OLD.starts_at
         OR NEW.place IS NOT OLD.place OR NEW.chair_id IS NOT OLD.chair_id
         OR NEW.secretary_id IS NOT OLD.secretary_id OR NEW.adjuster_id IS NOT OLD.adjuster_id
         OR NEW.attendance_taken IS NOT OLD.attendance_taken
         OR (OLD.chair_signed_at IS NOT NULL AND NEW.chair_signed_at IS NOT OLD.chair_signed_at)
         OR (OLD.adjuster_signed_at IS NOT NULL
             AND NEW.adjuster_signed_at IS NOT OLD.adjuster_signed_at))
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER meeting_held_never_deleted BEFORE DELETE ON meetings
WHEN OLD.state <> 'planned'
BEGIN
    SELECT RAISE(ABORT, 'held minutes are never deleted');
END;

-- Who of the body's members were present, and who absent.
CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    present BOOLEAN NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);

-- An item of the agenda and the minutes, under one section, with what it links to.
CREATE TABLE meeting_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    section TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    presenter_id INTEGER REFERENCES users (id),
    project_id INTEGER REFERENCES projects (id),
    report_id INTEGER REFERENCES status_reports (id),
    escalation_id INTEGER REFERENCES escalations (id),
    rollup_id INTEGER REFERENCES rollups (id),
    action_item_id INTEGER REFERENCES action_items (id),
    follow_up_period TEXT,
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX meeting_items_meeting ON meeting_items (meeting_id, section, position);

-- An action item (åtgärd): a task with owners and a due date, from an item or a decision.
CREATE TABLE action_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    text TEXT NOT NULL,
    due_on DATE NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
    comment TEXT NOT NULL DEFAULT '',
    item_id INTEGER REFERENCES meeting_items (id),
    decision_id INTEGER REFERENCES decisions (id),
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    closed_by INTEGER REFERENCES users (id),
    closed_at TIMESTAMP
);

CREATE INDEX action_items_item ON action_items (item_id);
CREATE INDEX action_items_open ON action_items (state, due_on);

CREATE TABLE action_item_owners (
    action_item_id INTEGER NOT NULL REFERENCES action_items (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (action_item_id, user_id)
);

CREATE INDEX action_item_owners_user ON action_item_owners (user_id);

-- What the minutes say is fixed once someone has adjusted them: their items, attendance and
-- action items are neither added, changed nor removed. An action item is still closed, once.
CREATE TRIGGER meeting_item_added_to_adjusted BEFORE INSERT ON meeting_items
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER meeting_item_changed_in_adjusted BEFORE UPDATE ON meeting_items
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER meeting_item_removed_from_adjusted BEFORE DELETE ON meeting_items
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER attendance_added_to_adjusted BEFORE INSERT ON meeting_attendance
WHEN (SELECT state FROM meetings WHERE id = NEW.meeting_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER attendance_changed_in_adjusted BEFORE UPDATE ON meeting_attendance
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER attendance_removed_from_adjusted BEFORE DELETE ON meeting_attendance
WHEN (SELECT state FROM meetings WHERE id = OLD.meeting_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER action_added_to_adjusted BEFORE INSERT ON action_items
WHEN (SELECT m.state FROM meetings m JOIN meeting_items i ON i.meeting_id = m.id
      WHERE i.id = NEW.item_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE TRIGGER action_closed_once BEFORE UPDATE ON action_items
WHEN OLD.state <> 'open'
    OR NEW.text IS NOT OLD.text OR NEW.due_on IS NOT OLD.due_on
    OR NEW.item_id IS NOT OLD.item_id OR NEW.decision_id IS NOT OLD.decision_id
    OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'an action item is only closed, once');
END;

CREATE TRIGGER action_never_deleted BEFORE DELETE ON action_items
WHEN (SELECT m.state FROM meetings m JOIN meeting_items i ON i.meeting_id = m.id
      WHERE i.id = OLD.item_id) IN ('adjusting', 'locked')
    OR OLD.state <> 'open'
BEGIN
    SELECT RAISE(ABORT, 'an action item of adjusted minutes is never deleted');
END;

CREATE TRIGGER action_owner_fixed BEFORE UPDATE ON action_item_owners
BEGIN
    SELECT RAISE(ABORT, 'an action item''s owners never change');
END;

CREATE TRIGGER action_owner_removed_from_adjusted BEFORE DELETE ON action_item_owners
WHEN (SELECT m.state FROM meetings m JOIN meeting_items i ON i.meeting_id = m.id
      JOIN action_items a ON a.item_id = i.id
      WHERE a.id = OLD.action_item_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

-- The decision log's new fields. The person who formally decided is separate from who entered
-- the decision; the decisions recorded before this migration were decided by who entered them.
-- Adding columns is not an update of a decision; filling the new column for the old rows is the
-- one change this migration makes, with the guard lifted for that statement only.
ALTER TABLE decisions ADD COLUMN decided_by INTEGER REFERENCES users (id);
ALTER TABLE decisions ADD COLUMN delegated BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN item_id INTEGER REFERENCES meeting_items (id);
ALTER TABLE decisions ADD COLUMN registry_number TEXT;
-- Marked confidential (sekretess): the reason, shown instead of the text to readers.
ALTER TABLE decisions ADD COLUMN confidential_reason TEXT;
ALTER TABLE decisions ADD COLUMN follow_up_by INTEGER REFERENCES users (id);
ALTER TABLE decisions ADD COLUMN follow_up_on DATE;
-- A correction is a new decision that refers to the one it supersedes.
ALTER TABLE decisions ADD COLUMN supersedes INTEGER REFERENCES decisions (id);

DROP TRIGGER decisions_never_change;
UPDATE decisions SET decided_by = recorded_by WHERE decided_by IS NULL;
CREATE TRIGGER decisions_never_change BEFORE UPDATE ON decisions
BEGIN
    SELECT RAISE(ABORT, 'a decision is never changed: record a new one');
END;

CREATE TRIGGER decision_added_to_adjusted BEFORE INSERT ON decisions
WHEN NEW.item_id IS NOT NULL
    AND (SELECT m.state FROM meetings m JOIN meeting_items i ON i.meeting_id = m.id
         WHERE i.id = NEW.item_id) IN ('adjusting', 'locked')
BEGIN
    SELECT RAISE(ABORT, 'adjusted minutes never change');
END;

CREATE INDEX decisions_year_body ON decisions (year, body);
CREATE INDEX decisions_item ON decisions (item_id);
CREATE INDEX decisions_supersedes ON decisions (supersedes);
CREATE INDEX decisions_decided_on ON decisions (decided_on);

-- The projects a decision concerns beyond its main one.
CREATE TABLE decision_projects (
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    project_id INTEGER NOT NULL REFERENCES projects (id),
    PRIMARY KEY (decision_id, project_id)
);

CREATE INDEX decision_projects_project ON decision_projects (project_id);

CREATE TRIGGER decision_projects_fixed BEFORE UPDATE ON decision_projects
BEGIN
    SELECT RAISE(ABORT, 'a decision is never changed: record a new one');
END;

CREATE TRIGGER decision_projects_kept BEFORE DELETE ON decision_projects
BEGIN
    SELECT RAISE(ABORT, 'a decision is never changed: record a new one');
END;

-- The full-text index of the decision log, kept by the database: the text and the registry
-- number. `unicode61` folds case (Å and å alike) but keeps å, ä and ö apart from a and o, as
-- Swedish readers expect ("år" is not "ar"). Decisions are never changed or deleted, so the
-- index only grows with them.
CREATE VIRTUAL TABLE decisions_fts USING fts5 (
    text,
    registry_number,
    content = 'decisions',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO decisions_fts (rowid, text, registry_number)
SELECT id, text, COALESCE(registry_number, '') FROM decisions;

CREATE TRIGGER decisions_fts_insert AFTER INSERT ON decisions
BEGIN
    INSERT INTO decisions_fts (rowid, text, registry_number)
    VALUES (NEW.id, NEW.text, COALESCE(NEW.registry_number, ''));
END;

-- The monthly budget follow-up (månadsuppföljning): per month, one row per board or unit, with the
-- annual budget and the forecast surplus (+) or deficit (−) in SEK.
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    period TEXT NOT NULL,
    board_id INTEGER REFERENCES boards (id),
    unit_id INTEGER REFERENCES units (id),
    budget BIGINT NOT NULL,
    forecast_deviation BIGINT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER NOT NULL REFERENCES users (id),
    recorded_at TIMESTAMP NOT NULL,
    CHECK ((board_id IS NULL) <> (unit_id IS NULL))
);

CREATE UNIQUE INDEX follow_ups_board ON follow_ups (period, board_id) WHERE board_id IS NOT NULL;
CREATE UNIQUE INDEX follow_ups_unit ON follow_ups (period, unit_id) WHERE unit_id IS NOT NULL;

-- The sections of a body's minutes beyond or instead of the model's five: an administrator
-- renames a section (same key, new label) or adds one (a new key, after the others).
CREATE TABLE meeting_sections (
    body TEXT NOT NULL,
    key TEXT NOT NULL,
    position INTEGER NOT NULL,
    label_sv TEXT NOT NULL,
    label_en TEXT NOT NULL,
    PRIMARY KEY (body, key)
);
