-- The foundation: organisation, users and the project register.

CREATE TABLE boards (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    board_id INTEGER NOT NULL REFERENCES boards (id),
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('administrator', 'management_group', 'development_manager', 'project_lead', 'reader')),
    password_hash TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT 1,
    language TEXT CHECK (language IN ('sv', 'en')),
    -- Raised whenever the password or access changes, which ends every session issued before.
    session_generation INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    unit_id INTEGER NOT NULL REFERENCES units (id),
    phase TEXT NOT NULL CHECK (phase IN ('idea', 'pre_study', 'planning', 'execution', 'closing', 'maintenance', 'cancelled')),
    project_lead_id INTEGER REFERENCES users (id),
    commissioner_id INTEGER REFERENCES users (id),
    planned_start DATE,
    planned_end DATE,
    budget_sek BIGINT CHECK (budget_sek IS NULL OR budget_sek >= 0),
    -- Raised on every change, so that a form filled in from an older version is refused.
    lock_version INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)
);

CREATE INDEX projects_unit ON projects (unit_id);
CREATE INDEX projects_lead ON projects (project_lead_id);
