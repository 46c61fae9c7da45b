-- Project directives, project plans and closing reports. Every version is a row; an approved
-- version never changes, which triggers enforce below whatever the application does.

CREATE TABLE directives (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    kind TEXT NOT NULL CHECK (kind IN ('pre_study', 'project')),
    version INTEGER NOT NULL CHECK (version >= 1),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    background TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    out_of_scope TEXT NOT NULL DEFAULT '',
    deliverables TEXT NOT NULL DEFAULT '',
    time_frame_start DATE,
    time_frame_end DATE,
    budget_frame_sek BIGINT CHECK (budget_frame_sek IS NULL OR budget_frame_sek >= 0),
    resources TEXT NOT NULL DEFAULT '',
    dependencies TEXT NOT NULL DEFAULT '',
    strategic BOOLEAN NOT NULL DEFAULT 0,
    personal_data BOOLEAN NOT NULL DEFAULT 0,
    sensitive_personal_data BOOLEAN NOT NULL DEFAULT 0,
    dpia_needed BOOLEAN NOT NULL DEFAULT 0,
    osl_confidentiality BOOLEAN NOT NULL DEFAULT 0,
    legal_notes TEXT NOT NULL DEFAULT '',
    -- Set when submitted: the body that approves or returns this version.
    approving_body TEXT CHECK (approving_body IS NULL OR approving_body IN ('management_group', 'development_manager', 'steering_group')),
    return_reason TEXT,
    decision_id INTEGER REFERENCES decisions (id),
    lock_version INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, kind, version)
);

CREATE TABLE directive_goals (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    directive_id INTEGER NOT NULL REFERENCES directives (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (directive_id, position)
);

CREATE TRIGGER approved_directive_never_changes BEFORE UPDATE ON directives
WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'an approved directive never changes: revise it as a new version');
END;

CREATE TRIGGER directive_never_deleted BEFORE DELETE ON directives
WHEN OLD.status <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'only a draft directive can be deleted');
END;

CREATE TRIGGER approved_directive_goals_fixed_insert BEFORE INSERT ON directive_goals
WHEN (SELECT status FROM directives WHERE id = NEW.directive_id) IN ('approved', 'submitted')
BEGIN
    SELECT RAISE(ABORT, 'the goals of a submitted or approved directive never change');
END;

CREATE TRIGGER approved_directive_goals_fixed_update BEFORE UPDATE ON directive_goals
WHEN (SELECT status FROM directives WHERE id = OLD.directive_id) IN ('approved', 'submitted')
BEGIN
    SELECT RAISE(ABORT, 'the goals of a submitted or approved directive never change');
END;

CREATE TRIGGER approved_directive_goals_fixed_delete BEFORE DELETE ON directive_goals
WHEN (SELECT status FROM directives WHERE id = OLD.directive_id) IN ('approved', 'submitted')
BEGIN
    SELECT RAISE(ABORT, 'the goals of a submitted or approved directive never change');
END;

CREATE TABLE plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    version INTEGER NOT NULL CHECK (version >= 1),
    -- The directive version this plan answers.
    directive_id INTEGER NOT NULL REFERENCES directives (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    communication TEXT NOT NULL DEFAULT '',
    handover_owner TEXT NOT NULL DEFAULT '',
    maintenance_object TEXT NOT NULL DEFAULT '',
    over_frame_reason TEXT NOT NULL DEFAULT '',
    return_reason TEXT,
    decision_id INTEGER REFERENCES decisions (id),
    lock_version INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, version)
);

CREATE TABLE plan_goal_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    goal_id INTEGER NOT NULL REFERENCES directive_goals (id),
    answer TEXT NOT NULL,
    UNIQUE (plan_id, goal_id)
);

CREATE TABLE plan_milestones (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    planned_on DATE NOT NULL,
    actual_on DATE
);

CREATE TABLE plan_budget_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    position INTEGER NOT NULL,
    year INTEGER NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('staff', 'licences', 'consultants', 'other')),
    amount_sek BIGINT NOT NULL CHECK (amount_sek >= 0)
);

CREATE TABLE plan_risks (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 1 AND 5),
    consequence INTEGER NOT NULL CHECK (consequence BETWEEN 1 AND 5),
    mitigation TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT ''
);

CREATE TABLE plan_benefits (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    position INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    baseline TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL,
    measured_on DATE,
    owner TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER approved_plan_never_changes BEFORE UPDATE ON plans
WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'an approved plan never changes: revise it as a new version');
END;

CREATE TRIGGER plan_never_deleted BEFORE DELETE ON plans
WHEN OLD.status <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'only a draft plan can be deleted');
END;

-- The rows of a submitted or approved plan are fixed.
CREATE TRIGGER plan_answers_fixed_insert BEFORE INSERT ON plan_goal_answers
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_answers_fixed_change BEFORE UPDATE ON plan_goal_answers
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_answers_fixed_delete BEFORE DELETE ON plan_goal_answers
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;

CREATE TRIGGER plan_milestones_fixed_insert BEFORE INSERT ON plan_milestones
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_milestones_fixed_change BEFORE UPDATE ON plan_milestones
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_milestones_fixed_delete BEFORE DELETE ON plan_milestones
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;

CREATE TRIGGER plan_budget_fixed_insert BEFORE INSERT ON plan_budget_lines
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_budget_fixed_change BEFORE UPDATE ON plan_budget_lines
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_budget_fixed_delete BEFORE DELETE ON plan_budget_lines
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;

CREATE TRIGGER plan_risks_fixed_insert BEFORE INSERT ON plan_risks
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_risks_fixed_change BEFORE UPDATE ON plan_risks
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_risks_fixed_delete BEFORE DELETE ON plan_risks
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;

CREATE TRIGGER plan_benefits_fixed_insert BEFORE INSERT ON plan_benefits
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_benefits_fixed_change BEFORE UPDATE ON plan_benefits
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;
CREATE TRIGGER plan_benefits_fixed_delete BEFORE DELETE ON plan_benefits
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('approved', 'submitted')
BEGIN SELECT RAISE(ABORT, 'the rows of a submitted or approved plan never change'); END;

-- One closing report per project, drafted during execution and closing.
CREATE TABLE closing_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    project_id INTEGER NOT NULL UNIQUE REFERENCES projects (id),
    outcome TEXT NOT NULL DEFAULT '',
    final_cost_sek BIGINT CHECK (final_cost_sek IS NULL OR final_cost_sek >= 0),
    lessons TEXT NOT NULL DEFAULT '',
    handover TEXT NOT NULL DEFAULT '',
    maintenance_owner_id INTEGER REFERENCES users (id),
    benefit_follow_up_on DATE,
    lock_version INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
