//! Queries on project plans: their versions, their rows, and the directive version each answers.
//!
//! A plan's rows (goal answers, milestones, budget lines, risks, benefits) are replaced as a whole
//! when a draft is saved; triggers in the schema refuse any change to a submitted or approved plan.
//! The directive tables are read here directly, as far as a plan needs them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::decisions::DecisionRow;
use super::projects::Saved;
use super::schema::{
    decisions, directive_goals, directives, plan_benefits, plan_budget_lines, plan_goal_answers,
    plan_milestones, plan_risks, plans,
};
use super::{DbConnection, audit, documents, now};
use crate::domain::decision::{Body, DecisionKind};
use crate::domain::directive::DirectiveKind;
use crate::domain::document::{self, Status};
use crate::domain::plan::{
    Benefit, BudgetCategory, BudgetLine, Milestone, PlanContent, Risk, snapshot,
};
use crate::domain::status_report::Tolerances;

documents::document_row! {
    /// A version of a project's plan (its rows are in tables of their own).
    pub struct PlanRow in plans {
        pub directive_id: i64,
        pub communication: String,
        pub handover_owner: String,
        pub maintenance_object: String,
        pub over_frame_reason: String,
        pub time_tolerance_days: i32,
        pub cost_tolerance_percent: i32,
    }
}

/// A plan version's tolerances, which a status report on the plan is measured against.
pub fn tolerances(plan: &PlanRow) -> Tolerances {
    Tolerances {
        time_days: i64::from(plan.time_tolerance_days),
        cost_percent: i64::from(plan.cost_tolerance_percent),
    }
}

/// A tolerance as stored; the parse keeps it within 0–365, so it always fits.
fn stored(tolerance: i64) -> i32 {
    i32::try_from(tolerance).unwrap_or(i32::MAX)
}

impl PlanRow {
    /// The status; an unknown stored status (a later version's) reads as submitted, which nobody
    /// may edit.
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Submitted)
    }
}

/// A goal of a directive version.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct Goal {
    pub id: i64,
    pub text: String,
}

/// The directive version a plan answers, as far as the plan needs it.
#[derive(Debug, Clone, Serialize)]
pub struct AnsweredDirective {
    pub id: i64,
    pub version: i32,
    pub status: String,
    pub budget_frame_sek: Option<i64>,
    /// In the directive's order.
    pub goals: Vec<Goal>,
}

impl AnsweredDirective {
    pub fn goal_ids(&self) -> Vec<i64> {
        self.goals.iter().map(|g| g.id).collect()
    }

    /// The goals as (id, text), as the plan's snapshot takes them.
    pub fn goal_texts(&self) -> Vec<(i64, String)> {
        self.goals.iter().map(|g| (g.id, g.text.clone())).collect()
    }
}

fn goals(conn: &mut DbConnection, directive_id: i64) -> QueryResult<Vec<Goal>> {
    directive_goals::table
        .filter(directive_goals::directive_id.eq(directive_id))
        .order(directive_goals::position)
        .select((directive_goals::id, directive_goals::text))
        .load(conn)
}

type DirectiveHead = (i64, i32, String, Option<i64>);

fn with_goals(conn: &mut DbConnection, head: DirectiveHead) -> QueryResult<AnsweredDirective> {
    let (id, version, status, budget_frame_sek) = head;
    Ok(AnsweredDirective {
        id,
        version,
        status,
        budget_frame_sek,
        goals: goals(conn, id)?,
    })
}

/// The directive version `directive_id`, with its goals.
pub fn directive(conn: &mut DbConnection, directive_id: i64) -> QueryResult<AnsweredDirective> {
    let head: DirectiveHead = directives::table
        .find(directive_id)
        .select((
            directives::id,
            directives::version,
            directives::status,
            directives::budget_frame_sek,
        ))
        .first(conn)?;
    with_goals(conn, head)
}

/// The newest approved project directive of a project, which a new plan version answers.
pub fn newest_approved_directive(
    conn: &mut DbConnection,
    project_id: i64,
) -> QueryResult<Option<AnsweredDirective>> {
    let head: Option<DirectiveHead> = directives::table
        .filter(directives::project_id.eq(project_id))
        .filter(directives::kind.eq(DirectiveKind::Project.as_str()))
        .filter(directives::status.eq(Status::Approved.as_str()))
        .order(directives::version.desc())
        .select((
            directives::id,
            directives::version,
            directives::status,
            directives::budget_frame_sek,
        ))
        .first(conn)
        .optional()?;
    head.map(|head| with_goals(conn, head)).transpose()
}

/// A plan of a project; none when the id is unknown or the plan belongs to another project.
pub fn find(
    conn: &mut DbConnection,
    project_id: i64,
    plan_id: i64,
) -> QueryResult<Option<PlanRow>> {
    find_row(conn, project_id, plan_id)
}

/// A version of a plan as the list of versions shows it.
#[derive(Debug, Clone)]
pub struct PlanVersion {
    pub plan: PlanRow,
    /// The version of the directive it answers.
    pub directive_version: i32,
}

/// Every version of a project's plan, newest first.
pub fn versions(conn: &mut DbConnection, project_id: i64) -> QueryResult<Vec<PlanVersion>> {
    let rows: Vec<(PlanRow, i32)> = plans::table
        .inner_join(directives::table)
        .filter(plans::project_id.eq(project_id))
        .order(plans::version.desc())
        .select((PlanRow::as_select(), directives::version))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(plan, directive_version)| PlanVersion {
            plan,
            directive_version,
        })
        .collect())
}

/// The newest version of a project's plan, whatever its status.
pub fn newest(conn: &mut DbConnection, project_id: i64) -> QueryResult<Option<PlanRow>> {
    newest_first(project_id).first(conn).optional()
}

/// The newest approved version of a project's plan.
pub fn newest_approved(conn: &mut DbConnection, project_id: i64) -> QueryResult<Option<PlanRow>> {
    newest_first(project_id)
        .filter(plans::status.eq(Status::Approved.as_str()))
        .first(conn)
        .optional()
}

/// A plan's content: its text fields and every row, in order.
pub fn content(conn: &mut DbConnection, plan: &PlanRow) -> QueryResult<PlanContent> {
    let goal_answers: Vec<(i64, String)> = plan_goal_answers::table
        .filter(plan_goal_answers::plan_id.eq(plan.id))
        .select((plan_goal_answers::goal_id, plan_goal_answers::answer))
        .load(conn)?;
    let milestones: Vec<(String, NaiveDate, Option<NaiveDate>)> = plan_milestones::table
        .filter(plan_milestones::plan_id.eq(plan.id))
        .order(plan_milestones::position)
        .select((
            plan_milestones::name,
            plan_milestones::planned_on,
            plan_milestones::actual_on,
        ))
        .load(conn)?;
    let budget: Vec<(i32, String, i64)> = plan_budget_lines::table
        .filter(plan_budget_lines::plan_id.eq(plan.id))
        .order(plan_budget_lines::position)
        .select((
            plan_budget_lines::year,
            plan_budget_lines::category,
            plan_budget_lines::amount_sek,
        ))
        .load(conn)?;
    let risks: Vec<(String, i32, i32, String, String)> = plan_risks::table
        .filter(plan_risks::plan_id.eq(plan.id))
        .order(plan_risks::position)
        .select((
            plan_risks::description,
            plan_risks::probability,
            plan_risks::consequence,
            plan_risks::mitigation,
            plan_risks::owner,
        ))
        .load(conn)?;
    let benefits: Vec<(String, String, String, Option<NaiveDate>, String)> = plan_benefits::table
        .filter(plan_benefits::plan_id.eq(plan.id))
        .order(plan_benefits::position)
        .select((
            plan_benefits::indicator,
            plan_benefits::baseline,
            plan_benefits::target,
            plan_benefits::measured_on,
            plan_benefits::owner,
        ))
        .load(conn)?;
    // The schema's checks keep scores within 1–5 and categories known.
    let score = |n: i32| u8::try_from(n).unwrap_or(0);
    Ok(PlanContent {
        goal_answers: goal_answers.into_iter().collect(),
        milestones: milestones
            .into_iter()
            .map(|(name, planned_on, actual_on)| Milestone {
                name,
                planned_on,
                actual_on,
            })
            .collect(),
        budget: budget
            .into_iter()
            .map(|(year, category, amount_sek)| BudgetLine {
                year,
                category: BudgetCategory::parse(&category).unwrap_or(BudgetCategory::Other),
                amount_sek,
            })
            .collect(),
        risks: risks
            .into_iter()
            .map(
                |(description, probability, consequence, mitigation, owner)| Risk {
                    description,
                    probability: score(probability),
                    consequence: score(consequence),
                    mitigation,
                    owner,
                },
            )
            .collect(),
        benefits: benefits
            .into_iter()
            .map(
                |(indicator, baseline, target, measured_on, owner)| Benefit {
                    indicator,
                    baseline,
                    target,
                    measured_on,
                    owner,
                },
            )
            .collect(),
        communication: plan.communication.clone(),
        handover_owner: plan.handover_owner.clone(),
        maintenance_object: plan.maintenance_object.clone(),
        over_frame_reason: plan.over_frame_reason.clone(),
        tolerances: tolerances(plan),
    })
}

fn position(index: usize) -> i32 {
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

/// Writes the rows of a plan whose rows are gone or were never there.
fn insert_rows(conn: &mut DbConnection, plan_id: i64, content: &PlanContent) -> QueryResult<()> {
    for (goal_id, answer) in &content.goal_answers {
        diesel::insert_into(plan_goal_answers::table)
            .values((
                plan_goal_answers::plan_id.eq(plan_id),
                plan_goal_answers::goal_id.eq(goal_id),
                plan_goal_answers::answer.eq(answer),
            ))
            .execute(conn)?;
    }
    for (i, m) in content.milestones.iter().enumerate() {
        diesel::insert_into(plan_milestones::table)
            .values((
                plan_milestones::plan_id.eq(plan_id),
                plan_milestones::position.eq(position(i)),
                plan_milestones::name.eq(&m.name),
                plan_milestones::planned_on.eq(m.planned_on),
                plan_milestones::actual_on.eq(m.actual_on),
            ))
            .execute(conn)?;
    }
    for (i, l) in content.budget.iter().enumerate() {
        diesel::insert_into(plan_budget_lines::table)
            .values((
                plan_budget_lines::plan_id.eq(plan_id),
                plan_budget_lines::position.eq(position(i)),
                plan_budget_lines::year.eq(l.year),
                plan_budget_lines::category.eq(l.category.as_str()),
                plan_budget_lines::amount_sek.eq(l.amount_sek),
            ))
            .execute(conn)?;
    }
    for (i, r) in content.risks.iter().enumerate() {
        diesel::insert_into(plan_risks::table)
            .values((
                plan_risks::plan_id.eq(plan_id),
                plan_risks::position.eq(position(i)),
                plan_risks::description.eq(&r.description),
                plan_risks::probability.eq(i32::from(r.probability)),
                plan_risks::consequence.eq(i32::from(r.consequence)),
                plan_risks::mitigation.eq(&r.mitigation),
                plan_risks::owner.eq(&r.owner),
            ))
            .execute(conn)?;
    }
    for (i, b) in content.benefits.iter().enumerate() {
        diesel::insert_into(plan_benefits::table)
            .values((
                plan_benefits::plan_id.eq(plan_id),
                plan_benefits::position.eq(position(i)),
                plan_benefits::indicator.eq(&b.indicator),
                plan_benefits::baseline.eq(&b.baseline),
                plan_benefits::target.eq(&b.target),
                plan_benefits::measured_on.eq(b.measured_on),
                plan_benefits::owner.eq(&b.owner),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn delete_rows(conn: &mut DbConnection, plan_id: i64) -> QueryResult<()> {
    diesel::delete(plan_goal_answers::table.filter(plan_goal_answers::plan_id.eq(plan_id)))
        .execute(conn)?;
    diesel::delete(plan_milestones::table.filter(plan_milestones::plan_id.eq(plan_id)))
        .execute(conn)?;
    diesel::delete(plan_budget_lines::table.filter(plan_budget_lines::plan_id.eq(plan_id)))
        .execute(conn)?;
    diesel::delete(plan_risks::table.filter(plan_risks::plan_id.eq(plan_id))).execute(conn)?;
    diesel::delete(plan_benefits::table.filter(plan_benefits::plan_id.eq(plan_id)))
        .execute(conn)?;
    Ok(())
}

/// Creates the next version of a project's plan as a draft answering `directive_id`, with
/// `content`. Call inside a transaction: the unique index on (project, version) refuses a version
/// taken meanwhile.
pub fn create(
    conn: &mut DbConnection,
    project_id: i64,
    directive_id: i64,
    created_by: i64,
    content: &PlanContent,
) -> QueryResult<PlanRow> {
    let highest: Option<i32> = plans::table
        .filter(plans::project_id.eq(project_id))
        .select(diesel::dsl::max(plans::version))
        .first(conn)?;
    let version = highest.unwrap_or(0) + 1;
    let at = now();
    diesel::insert_into(plans::table)
        .values((
            plans::project_id.eq(project_id),
            plans::version.eq(version),
            plans::directive_id.eq(directive_id),
            plans::status.eq(Status::Draft.as_str()),
            plans::communication.eq(&content.communication),
            plans::handover_owner.eq(&content.handover_owner),
            plans::maintenance_object.eq(&content.maintenance_object),
            plans::over_frame_reason.eq(&content.over_frame_reason),
            plans::time_tolerance_days.eq(stored(content.tolerances.time_days)),
            plans::cost_tolerance_percent.eq(stored(content.tolerances.cost_percent)),
            plans::created_by.eq(created_by),
            plans::created_at.eq(at),
            plans::updated_at.eq(at),
        ))
        .execute(conn)?;
    let plan: PlanRow = plans::table
        .filter(plans::project_id.eq(project_id))
        .filter(plans::version.eq(version))
        .select(PlanRow::as_select())
        .first(conn)?;
    insert_rows(conn, plan.id, content)?;
    Ok(plan)
}

/// Drafts the next version of a project's plan answering `directive_id`, with `content` (empty
/// for a first version, carried over when revising), and writes its audit entry.
pub fn start(
    conn: &mut DbConnection,
    project_id: i64,
    directive_id: i64,
    created_by: i64,
    content: &PlanContent,
) -> QueryResult<PlanDoc> {
    let plan = create(conn, project_id, directive_id, created_by, content)?;
    let doc = load_row(conn, plan)?;
    record(conn, created_by, audit::Action::Create, None, &doc)?;
    Ok(doc)
}

/// Saves a draft (`before`, as it was read) with `content` under `lock_version`, as
/// `save_draft`, and writes the change to the audit trail when it was saved.
pub fn save(
    conn: &mut DbConnection,
    before: &PlanDoc,
    lock_version: i64,
    content: &PlanContent,
    edited_by: i64,
) -> QueryResult<Saved> {
    let (project_id, plan_id) = (before.plan.project_id, before.plan.id);
    let saved = save_draft(conn, plan_id, lock_version, content, edited_by)?;
    if saved == Saved::Yes {
        let after = load(conn, project_id, plan_id)?.ok_or(diesel::result::Error::NotFound)?;
        record(conn, edited_by, audit::Action::Update, Some(before), &after)?;
    }
    Ok(saved)
}

const EDITABLE: [&str; 2] = ["draft", "returned"];

/// Saves a draft's content if the plan is still at `lock_version` and still editable; a returned
/// plan becomes a draft again. Call inside a transaction: the rows are replaced as a whole.
/// `edited_by` saved it.
pub fn save_draft(
    conn: &mut DbConnection,
    plan_id: i64,
    lock_version: i64,
    content: &PlanContent,
    edited_by: i64,
) -> QueryResult<Saved> {
    let rows = diesel::update(
        plans::table
            .find(plan_id)
            .filter(plans::lock_version.eq(lock_version))
            .filter(plans::status.eq_any(EDITABLE)),
    )
    .set((
        plans::status.eq(Status::Draft.as_str()),
        plans::communication.eq(&content.communication),
        plans::handover_owner.eq(&content.handover_owner),
        plans::maintenance_object.eq(&content.maintenance_object),
        plans::over_frame_reason.eq(&content.over_frame_reason),
        plans::time_tolerance_days.eq(stored(content.tolerances.time_days)),
        plans::cost_tolerance_percent.eq(stored(content.tolerances.cost_percent)),
        plans::lock_version.eq(lock_version + 1),
        plans::updated_at.eq(now()),
        plans::edited_by.eq(edited_by),
    ))
    .execute(conn)?;
    if rows != 1 {
        return Ok(Saved::Conflict);
    }
    delete_rows(conn, plan_id)?;
    insert_rows(conn, plan_id, content)?;
    Ok(Saved::Yes)
}

/// The body that decides a plan version: the steering group, or, four eyes, the next body when
/// its chair drafted or submitted it (and the management group when that is a development
/// manager).
pub fn deciding_body(conn: &mut DbConnection, plan: &PlanRow) -> QueryResult<Body> {
    let chair = super::governance::chair(conn, plan.project_id)?;
    let authors = super::governance::author_facts(conn, &plan.authors(), chair)?;
    Ok(document::deciding_body(Body::SteeringGroup, authors))
}

/// Plans in the shared workflow (`db::documents`).
pub struct Plans;

impl documents::Kind for Plans {
    const TABLE: &'static str = "plans";
    const BODY_COLUMN: Option<&'static str> = None;
    const ENTITY: &'static str = "plan";
    const APPROVED: DecisionKind = DecisionKind::PlanApproved;
    const RETURNED: DecisionKind = DecisionKind::PlanReturned;
    type Audited = AuditSnapshot;

    fn audited(
        conn: &mut DbConnection,
        project_id: i64,
        id: i64,
    ) -> QueryResult<Option<AuditSnapshot>> {
        Ok(load(conn, project_id, id)?.map(|doc| doc.audit_snapshot()))
    }
}

/// The decision a plan's status rests on, if any.
pub fn decision(conn: &mut DbConnection, plan: &PlanRow) -> QueryResult<Option<DecisionRow>> {
    plan.decision_id
        .map(|id| {
            decisions::table
                .find(id)
                .select(DecisionRow::as_select())
                .first(conn)
        })
        .transpose()
}

/// A plan version with everything its page shows.
#[derive(Debug, Clone)]
pub struct PlanDoc {
    pub plan: PlanRow,
    pub directive: AnsweredDirective,
    pub content: PlanContent,
    pub decision: Option<DecisionRow>,
}

/// Loads a plan of a project with its directive, content and decision.
pub fn load(
    conn: &mut DbConnection,
    project_id: i64,
    plan_id: i64,
) -> QueryResult<Option<PlanDoc>> {
    let Some(plan) = find(conn, project_id, plan_id)? else {
        return Ok(None);
    };
    load_row(conn, plan).map(Some)
}

/// Loads everything about a plan already found.
pub fn load_row(conn: &mut DbConnection, plan: PlanRow) -> QueryResult<PlanDoc> {
    Ok(PlanDoc {
        directive: directive(conn, plan.directive_id)?,
        content: content(conn, &plan)?,
        decision: decision(conn, &plan)?,
        plan,
    })
}

/// A plan as the audit trail keeps it: the row, and its content as labelled text.
#[derive(Debug, Clone, Serialize)]
pub struct AuditSnapshot {
    #[serde(flatten)]
    pub plan: PlanRow,
    pub content: BTreeMap<&'static str, String>,
}

impl PlanDoc {
    pub fn audit_snapshot(&self) -> AuditSnapshot {
        AuditSnapshot {
            plan: self.plan.clone(),
            content: snapshot(&self.content, &self.directive.goal_texts())
                .into_iter()
                .map(|f| (f.label_key, f.value))
                .collect(),
        }
    }
}

/// Records a change to a plan in the audit trail: `before` and `after` as stored.
pub fn record(
    conn: &mut DbConnection,
    user_id: i64,
    action: audit::Action,
    before: Option<&PlanDoc>,
    after: &PlanDoc,
) -> QueryResult<()> {
    let version = documents::VersionId {
        project_id: after.plan.project_id,
        id: after.plan.id,
    };
    let before = before.map(PlanDoc::audit_snapshot);
    documents::record::<Plans>(conn, version, user_id, action, before.as_ref())
}

/// Content carried over into a new version that answers `to`, from a version that answered
/// `from`: every row, and each goal's answer where the new directive has a goal of the same text.
pub fn carry_over(
    content: &PlanContent,
    from: &AnsweredDirective,
    to: &AnsweredDirective,
) -> PlanContent {
    let goal_answers = to
        .goals
        .iter()
        .filter_map(|goal| {
            from.goals
                .iter()
                .filter(|old| old.text == goal.text)
                .find_map(|old| content.goal_answers.get(&old.id))
                .map(|answer| (goal.id, answer.clone()))
        })
        .collect();
    PlanContent {
        goal_answers,
        ..content.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(id: i64, goals: &[(i64, &str)]) -> AnsweredDirective {
        AnsweredDirective {
            id,
            version: 1,
            status: "approved".into(),
            budget_frame_sek: None,
            goals: goals
                .iter()
                .map(|(id, text)| Goal {
                    id: *id,
                    text: (*text).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn answers_follow_goals_of_the_same_text_into_a_new_directive_version() {
        let from = directive(1, &[(11, "Kortare handläggning"), (12, "Färre fel")]);
        let to = directive(2, &[(21, "Färre fel"), (22, "Nöjdare brukare")]);
        let content = PlanContent {
            goal_answers: [(11, "Automatisering".into()), (12, "Kontroller".into())]
                .into_iter()
                .collect(),
            communication: "Intranätet".into(),
            tolerances: Tolerances {
                time_days: 14,
                cost_percent: 5,
            },
            ..PlanContent::default()
        };
        let carried = carry_over(&content, &from, &to);
        assert_eq!(carried.tolerances, content.tolerances);
        assert_eq!(
            carried.goal_answers,
            [(21, "Kontroller".to_owned())].into_iter().collect()
        );
        assert_eq!(carried.communication, "Intranätet");
    }
}
