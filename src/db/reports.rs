//! Queries on monthly status reports: their versions, milestone updates, escalations and reviews.
//!
//! A report is one row per version of a project's period; version 1 is the report and later
//! versions are revisions with a reason. Every write runs in the caller's transaction
//! (`Db::write`) and writes its audit entry with it; the steps are guarded by the status they come
//! from (and a draft's save by its lock version), so two requests cannot both take one step.
//! Triggers in the schema refuse any change to a submitted version, its milestone updates, its
//! raised escalations (but their one answer) and a review.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::decisions::DecisionRow;
use super::schema::{
    decisions, escalations, plan_budget_lines, plan_milestones, plans, report_milestones,
    report_reviews, status_reports,
};
use super::{DbConnection, audit, now};
use crate::domain::decision::{Body, DecisionKind};
use crate::domain::document::Status;
use crate::domain::phase::Phase;
use crate::domain::status_report::{
    Aspect, Escalation, EscalationKind, EscalationTo, Light, MilestoneUpdate, Period, Rated,
    ReportContent,
};
use crate::domain::validation::sum_sek;

pub use crate::domain::status_report::{Computed, PlanBasis, PlanMilestone};

/// What the audit trail calls a report version and an escalation.
pub const ENTITY: &str = "status_report";
pub const ESCALATION_ENTITY: &str = "escalation";

/// A version of a project's report for a period.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = status_reports)]
pub struct ReportRow {
    pub id: i64,
    pub project_id: i64,
    pub period: String,
    pub version: i32,
    pub status: String,
    pub overall: Option<String>,
    pub overall_comment: String,
    pub time_light: Option<String>,
    pub time_comment: String,
    pub cost_light: Option<String>,
    pub cost_comment: String,
    pub scope_light: Option<String>,
    pub scope_comment: String,
    pub resources_light: Option<String>,
    pub resources_comment: String,
    pub risk_light: Option<String>,
    pub risk_comment: String,
    pub done: String,
    pub next_steps: String,
    pub risks: String,
    pub cost_to_date_sek: Option<i64>,
    pub forecast_sek: Option<i64>,
    pub exception: bool,
    pub plan_id: Option<i64>,
    pub revision_reason: Option<String>,
    pub lock_version: i64,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub edited_by: Option<i64>,
    pub submitted_by: Option<i64>,
    pub submitted_on: Option<NaiveDate>,
}

impl ReportRow {
    /// The day the version's forecasts are measured on: the day it was submitted, or `today` for
    /// a draft.
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.submitted_on.unwrap_or(today)
    }

    /// The status; an unknown stored status reads as submitted, which nobody may edit.
    pub fn status(&self) -> Status {
        match Status::parse(&self.status) {
            Some(Status::Draft) => Status::Draft,
            _ => Status::Submitted,
        }
    }

    /// The period; the stored text is always one (it is parsed before it is stored).
    pub fn period(&self) -> Period {
        Period::parse(&self.period).unwrap_or_else(|_| Period::of(self.created_at.date()))
    }

    /// The light given for `aspect`, if one is.
    pub fn light(&self, aspect: Aspect) -> Option<Light> {
        let raw = match aspect {
            Aspect::Overall => &self.overall,
            Aspect::Time => &self.time_light,
            Aspect::Cost => &self.cost_light,
            Aspect::Scope => &self.scope_light,
            Aspect::Resources => &self.resources_light,
            Aspect::Risk => &self.risk_light,
        };
        raw.as_deref().and_then(|raw| Light::parse(raw).ok())
    }

    pub fn comment(&self, aspect: Aspect) -> &str {
        match aspect {
            Aspect::Overall => &self.overall_comment,
            Aspect::Time => &self.time_comment,
            Aspect::Cost => &self.cost_comment,
            Aspect::Scope => &self.scope_comment,
            Aspect::Resources => &self.resources_comment,
            Aspect::Risk => &self.risk_comment,
        }
    }

    /// The version's content, with no new escalation (those are rows of their own).
    pub fn content(&self) -> ReportContent {
        ReportContent {
            lights: Aspect::ALL
                .into_iter()
                .filter_map(|aspect| {
                    self.light(aspect).map(|light| Rated {
                        aspect,
                        light,
                        comment: self.comment(aspect).to_owned(),
                    })
                })
                .collect(),
            done: self.done.clone(),
            next: self.next_steps.clone(),
            risks: self.risks.clone(),
            cost_to_date_sek: self.cost_to_date_sek,
            forecast_sek: self.forecast_sek,
            escalation: None,
        }
    }
}

/// The version `id` if it belongs to the project.
pub fn find(conn: &mut DbConnection, project_id: i64, id: i64) -> QueryResult<Option<ReportRow>> {
    status_reports::table
        .filter(status_reports::id.eq(id))
        .filter(status_reports::project_id.eq(project_id))
        .select(ReportRow::as_select())
        .first(conn)
        .optional()
}

/// Every version of a project's reports, the newest period first and within it the newest
/// version first.
pub fn for_project(conn: &mut DbConnection, project_id: i64) -> QueryResult<Vec<ReportRow>> {
    status_reports::table
        .filter(status_reports::project_id.eq(project_id))
        .order((
            status_reports::period.desc(),
            status_reports::version.desc(),
        ))
        .select(ReportRow::as_select())
        .load(conn)
}

/// The versions of one period of a project, the newest first.
pub fn versions_of(
    conn: &mut DbConnection,
    project_id: i64,
    period: Period,
) -> QueryResult<Vec<ReportRow>> {
    status_reports::table
        .filter(status_reports::project_id.eq(project_id))
        .filter(status_reports::period.eq(period.to_string()))
        .order(status_reports::version.desc())
        .select(ReportRow::as_select())
        .load(conn)
}

/// The newest submitted version of the project's latest period before `period` that has one: the
/// content a new report starts from.
pub fn previous_submitted(
    conn: &mut DbConnection,
    project_id: i64,
    period: Period,
) -> QueryResult<Option<ReportRow>> {
    status_reports::table
        .filter(status_reports::project_id.eq(project_id))
        .filter(status_reports::period.lt(period.to_string()))
        .filter(status_reports::status.eq(Status::Submitted.as_str()))
        .order((
            status_reports::period.desc(),
            status_reports::version.desc(),
        ))
        .select(ReportRow::as_select())
        .first(conn)
        .optional()
}

/// The plan `plan_id` as a report is measured against it.
pub fn plan_basis(conn: &mut DbConnection, plan_id: i64) -> QueryResult<Option<PlanBasis>> {
    let Some((time, cost)) = plans::table
        .find(plan_id)
        .select((plans::time_tolerance_days, plans::cost_tolerance_percent))
        .first::<(i32, i32)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let amounts: Vec<i64> = plan_budget_lines::table
        .filter(plan_budget_lines::plan_id.eq(plan_id))
        .select(plan_budget_lines::amount_sek)
        .load(conn)?;
    let milestones = plan_milestones::table
        .filter(plan_milestones::plan_id.eq(plan_id))
        .order(plan_milestones::position)
        .select((
            plan_milestones::id,
            plan_milestones::name,
            plan_milestones::planned_on,
        ))
        .load::<(i64, String, NaiveDate)>(conn)?
        .into_iter()
        .map(|(id, name, planned_on)| PlanMilestone {
            id,
            name,
            planned_on,
        })
        .collect();
    Ok(Some(PlanBasis {
        plan_id,
        budget_sek: sum_sek(amounts),
        time_tolerance_days: i64::from(time),
        cost_tolerance_percent: i64::from(cost),
        milestones,
    }))
}

/// The project's newest approved plan, if it has one: what a new report or revision reports
/// against.
fn current_plan_id(conn: &mut DbConnection, project_id: i64) -> QueryResult<Option<i64>> {
    plans::table
        .filter(plans::project_id.eq(project_id))
        .filter(plans::status.eq(Status::Approved.as_str()))
        .order(plans::version.desc())
        .select(plans::id)
        .first(conn)
        .optional()
}

/// A version's milestone updates.
pub fn milestone_updates(
    conn: &mut DbConnection,
    report_id: i64,
) -> QueryResult<Vec<MilestoneUpdate>> {
    Ok(report_milestones::table
        .filter(report_milestones::report_id.eq(report_id))
        .order(report_milestones::id)
        .select((
            report_milestones::milestone_id,
            report_milestones::actual_on,
            report_milestones::forecast_on,
        ))
        .load::<(i64, Option<NaiveDate>, Option<NaiveDate>)>(conn)?
        .into_iter()
        .map(|(milestone_id, actual_on, forecast_on)| MilestoneUpdate {
            milestone_id,
            actual_on,
            forecast_on,
        })
        .collect())
}

/// An escalation raised in a report version.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = escalations)]
pub struct EscalationRow {
    pub id: i64,
    pub report_id: i64,
    pub project_id: i64,
    pub text: String,
    pub kind: String,
    pub addressed_to: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub answered_by_decision_id: Option<i64>,
    pub answered_at: Option<NaiveDateTime>,
}

impl EscalationRow {
    pub fn to(&self) -> Option<EscalationTo> {
        EscalationTo::parse(&self.addressed_to).ok()
    }

    pub fn kind(&self) -> Option<EscalationKind> {
        EscalationKind::parse(&self.kind).ok()
    }
}

/// The escalations of the given report versions, oldest first.
pub fn escalations_of(
    conn: &mut DbConnection,
    report_ids: &[i64],
) -> QueryResult<Vec<EscalationRow>> {
    escalations::table
        .filter(escalations::report_id.eq_any(report_ids))
        .order(escalations::id)
        .select(EscalationRow::as_select())
        .load(conn)
}

/// The escalation `id` of the project, with the day its report was submitted (`None` while the
/// report is a draft).
pub fn find_escalation(
    conn: &mut DbConnection,
    project_id: i64,
    id: i64,
) -> QueryResult<Option<(EscalationRow, Option<NaiveDate>)>> {
    escalations::table
        .inner_join(status_reports::table)
        .filter(escalations::id.eq(id))
        .filter(escalations::project_id.eq(project_id))
        .select((EscalationRow::as_select(), status_reports::submitted_on))
        .first(conn)
        .optional()
}

/// The development manager's review of a version.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = report_reviews)]
pub struct ReviewRow {
    pub report_id: i64,
    pub reviewed_by: i64,
    pub reviewed_at: NaiveDateTime,
    pub comment: String,
}

pub fn review_of(conn: &mut DbConnection, report_id: i64) -> QueryResult<Option<ReviewRow>> {
    report_reviews::table
        .find(report_id)
        .select(ReviewRow::as_select())
        .first(conn)
        .optional()
}

/// A version as the audit trail keeps it: the row, its milestone updates and its escalations.
#[derive(Debug, Serialize)]
struct Audited {
    report: ReportRow,
    milestones: Vec<(i64, Option<NaiveDate>, Option<NaiveDate>)>,
    escalations: Vec<EscalationRow>,
}

fn audited(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Audited>> {
    let Some(report) = status_reports::table
        .find(id)
        .select(ReportRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let milestones = milestone_updates(conn, id)?
        .into_iter()
        .map(|u| (u.milestone_id, u.actual_on, u.forecast_on))
        .collect();
    let escalations = escalations_of(conn, &[id])?;
    Ok(Some(Audited {
        report,
        milestones,
        escalations,
    }))
}

/// Writes a change to a version to the audit trail: `before`, and the version as stored now.
fn record(
    conn: &mut DbConnection,
    project_id: i64,
    id: i64,
    by: i64,
    action: audit::Action,
    before: Option<&Audited>,
) -> QueryResult<()> {
    let after = audited(conn, id)?;
    audit::record(
        conn,
        &audit::Change {
            user_id: Some(by),
            action,
            entity: ENTITY,
            entity_id: id,
            project_id: Some(project_id),
            before,
            after: after.as_ref(),
        },
    )
}

/// Whether the project has a report (any version) for `period`.
pub fn period_taken(conn: &mut DbConnection, project_id: i64, period: Period) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        status_reports::table
            .filter(status_reports::project_id.eq(project_id))
            .filter(status_reports::period.eq(period.to_string())),
    ))
    .get_result(conn)
}

/// A version's content as the columns store it.
type ContentColumns<'a> = (
    diesel::dsl::Eq<status_reports::overall, Option<&'a str>>,
    diesel::dsl::Eq<status_reports::overall_comment, &'a str>,
    diesel::dsl::Eq<status_reports::time_light, Option<&'a str>>,
    diesel::dsl::Eq<status_reports::time_comment, &'a str>,
    diesel::dsl::Eq<status_reports::cost_light, Option<&'a str>>,
    diesel::dsl::Eq<status_reports::cost_comment, &'a str>,
    diesel::dsl::Eq<status_reports::scope_light, Option<&'a str>>,
    diesel::dsl::Eq<status_reports::scope_comment, &'a str>,
    diesel::dsl::Eq<status_reports::resources_light, Option<&'a str>>,
    diesel::dsl::Eq<status_reports::resources_comment, &'a str>,
    diesel::dsl::Eq<status_reports::risk_light, Option<&'a str>>,
    diesel::dsl::Eq<status_reports::risk_comment, &'a str>,
    diesel::dsl::Eq<status_reports::done, &'a str>,
    diesel::dsl::Eq<status_reports::next_steps, &'a str>,
    diesel::dsl::Eq<status_reports::risks, &'a str>,
    diesel::dsl::Eq<status_reports::cost_to_date_sek, Option<i64>>,
    diesel::dsl::Eq<status_reports::forecast_sek, Option<i64>>,
);

fn content_columns(content: &ReportContent) -> ContentColumns<'_> {
    let light = |aspect| content.light(aspect).map(Light::as_str);
    let comment = |aspect| {
        content
            .lights
            .iter()
            .find(|r| r.aspect == aspect)
            .map_or("", |r| r.comment.as_str())
    };
    (
        status_reports::overall.eq(light(Aspect::Overall)),
        status_reports::overall_comment.eq(comment(Aspect::Overall)),
        status_reports::time_light.eq(light(Aspect::Time)),
        status_reports::time_comment.eq(comment(Aspect::Time)),
        status_reports::cost_light.eq(light(Aspect::Cost)),
        status_reports::cost_comment.eq(comment(Aspect::Cost)),
        status_reports::scope_light.eq(light(Aspect::Scope)),
        status_reports::scope_comment.eq(comment(Aspect::Scope)),
        status_reports::resources_light.eq(light(Aspect::Resources)),
        status_reports::resources_comment.eq(comment(Aspect::Resources)),
        status_reports::risk_light.eq(light(Aspect::Risk)),
        status_reports::risk_comment.eq(comment(Aspect::Risk)),
        status_reports::done.eq(content.done.as_str()),
        status_reports::next_steps.eq(content.next.as_str()),
        status_reports::risks.eq(content.risks.as_str()),
        status_reports::cost_to_date_sek.eq(content.cost_to_date_sek),
        status_reports::forecast_sek.eq(content.forecast_sek),
    )
}

/// A new version to write: its period, number, what it starts from, and why (for a revision).
struct NewVersion<'a> {
    project_id: i64,
    period: Period,
    version: i32,
    content: &'a ReportContent,
    updates: &'a [MilestoneUpdate],
    revision_reason: Option<&'a str>,
    by: i64,
}

fn insert_version(conn: &mut DbConnection, new: &NewVersion) -> QueryResult<i64> {
    let plan_id = current_plan_id(conn, new.project_id)?;
    let basis = match plan_id {
        Some(id) => plan_basis(conn, id)?,
        None => None,
    };
    // Only updates of milestones the current plan still has are carried.
    let updates: Vec<MilestoneUpdate> = match &basis {
        Some(basis) => new
            .updates
            .iter()
            .filter(|u| basis.milestones.iter().any(|m| m.id == u.milestone_id))
            .copied()
            .collect(),
        None => Vec::new(),
    };
    let exception = basis.as_ref().is_some_and(|b| {
        b.computed(
            &updates,
            new.content.forecast_sek,
            chrono::Local::now().date_naive(),
        )
        .is_exception()
    });
    let at = now();
    diesel::insert_into(status_reports::table)
        .values((
            status_reports::project_id.eq(new.project_id),
            status_reports::period.eq(new.period.to_string()),
            status_reports::version.eq(new.version),
            status_reports::status.eq(Status::Draft.as_str()),
            content_columns(new.content),
            status_reports::exception.eq(exception),
            status_reports::plan_id.eq(plan_id),
            status_reports::revision_reason.eq(new.revision_reason),
            status_reports::created_by.eq(new.by),
            status_reports::created_at.eq(at),
            status_reports::updated_at.eq(at),
        ))
        .execute(conn)?;
    // The unique (project, period, version) names the row just written, on every backend.
    let id: i64 = status_reports::table
        .filter(status_reports::project_id.eq(new.project_id))
        .filter(status_reports::period.eq(new.period.to_string()))
        .filter(status_reports::version.eq(new.version))
        .select(status_reports::id)
        .first(conn)?;
    replace_milestone_updates(conn, id, &updates)?;
    record(
        conn,
        new.project_id,
        id,
        new.by,
        audit::Action::Create,
        None,
    )?;
    Ok(id)
}

/// Creates the draft of the project's report for `period`, starting from the previous period's
/// submitted content (lights, comments, texts, amounts and milestone updates; no escalations).
/// The caller has checked that the period is free and allowed.
pub fn create(
    conn: &mut DbConnection,
    project_id: i64,
    period: Period,
    by: i64,
) -> QueryResult<i64> {
    let previous = previous_submitted(conn, project_id, period)?;
    let (content, updates) = match &previous {
        Some(row) => (row.content(), milestone_updates(conn, row.id)?),
        None => (ReportContent::default(), Vec::new()),
    };
    insert_version(
        conn,
        &NewVersion {
            project_id,
            period,
            version: 1,
            content: &content,
            updates: &updates,
            revision_reason: None,
            by,
        },
    )
}

/// Starts a revision of the submitted version `report`: a new draft of the same period with its
/// content, milestone updates and `reason`. The caller has checked it is the newest version.
pub fn revise(
    conn: &mut DbConnection,
    report: &ReportRow,
    reason: &str,
    by: i64,
) -> QueryResult<i64> {
    let updates = milestone_updates(conn, report.id)?;
    insert_version(
        conn,
        &NewVersion {
            project_id: report.project_id,
            period: report.period(),
            version: report.version + 1,
            content: &report.content(),
            updates: &updates,
            revision_reason: Some(reason),
            by,
        },
    )
}

fn replace_milestone_updates(
    conn: &mut DbConnection,
    report_id: i64,
    updates: &[MilestoneUpdate],
) -> QueryResult<()> {
    diesel::delete(report_milestones::table.filter(report_milestones::report_id.eq(report_id)))
        .execute(conn)?;
    // One statement a row: the backend-neutral connection has no batch insert.
    for update in updates {
        diesel::insert_into(report_milestones::table)
            .values((
                report_milestones::report_id.eq(report_id),
                report_milestones::milestone_id.eq(update.milestone_id),
                report_milestones::actual_on.eq(update.actual_on),
                report_milestones::forecast_on.eq(update.forecast_on),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// A draft's content as saved: what was typed, the milestone updates, and whether it is an
/// exception report (computed by the caller from the plan it reports against).
pub struct Draft<'a> {
    pub content: &'a ReportContent,
    pub updates: &'a [MilestoneUpdate],
    pub exception: bool,
}

/// Saves a draft that is still at `lock_version`, with the content's new escalation if it has one.
/// Returns whether it was saved: someone may have saved or submitted it meanwhile (then nothing is
/// written).
pub fn save(
    conn: &mut DbConnection,
    report: &ReportRow,
    lock_version: i64,
    draft: &Draft,
    by: i64,
) -> QueryResult<bool> {
    let before = audited(conn, report.id)?;
    let rows = diesel::update(
        status_reports::table
            .filter(status_reports::id.eq(report.id))
            .filter(status_reports::status.eq(Status::Draft.as_str()))
            .filter(status_reports::lock_version.eq(lock_version)),
    )
    .set((
        content_columns(draft.content),
        status_reports::exception.eq(draft.exception),
        status_reports::lock_version.eq(lock_version + 1),
        status_reports::edited_by.eq(Some(by)),
        status_reports::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if rows != 1 {
        return Ok(false);
    }
    replace_milestone_updates(conn, report.id, draft.updates)?;
    if let Some(escalation) = &draft.content.escalation {
        insert_escalation(conn, report, escalation, by)?;
    }
    record(
        conn,
        report.project_id,
        report.id,
        by,
        audit::Action::Update,
        before.as_ref(),
    )?;
    Ok(true)
}

fn insert_escalation(
    conn: &mut DbConnection,
    report: &ReportRow,
    escalation: &Escalation,
    by: i64,
) -> QueryResult<()> {
    diesel::insert_into(escalations::table)
        .values((
            escalations::report_id.eq(report.id),
            escalations::project_id.eq(report.project_id),
            escalations::text.eq(&escalation.text),
            escalations::kind.eq(escalation.kind.as_str()),
            escalations::addressed_to.eq(escalation.to.as_str()),
            escalations::created_by.eq(by),
            escalations::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Submits a draft. Returns whether it was: another request may have submitted it meanwhile.
pub fn submit(
    conn: &mut DbConnection,
    report: &ReportRow,
    by: i64,
    on: NaiveDate,
) -> QueryResult<bool> {
    let before = audited(conn, report.id)?;
    let rows = diesel::update(
        status_reports::table
            .filter(status_reports::id.eq(report.id))
            .filter(status_reports::status.eq(Status::Draft.as_str())),
    )
    .set((
        status_reports::status.eq(Status::Submitted.as_str()),
        status_reports::submitted_by.eq(Some(by)),
        status_reports::submitted_on.eq(Some(on)),
        status_reports::lock_version.eq(report.lock_version + 1),
        status_reports::updated_at.eq(now()),
    ))
    .execute(conn)?;
    if rows != 1 {
        return Ok(false);
    }
    record(
        conn,
        report.project_id,
        report.id,
        by,
        audit::Action::Update,
        before.as_ref(),
    )?;
    Ok(true)
}

/// Records the development manager's review of a submitted version. Returns whether it was: a
/// version is reviewed once.
pub fn review(
    conn: &mut DbConnection,
    report: &ReportRow,
    by: i64,
    comment: &str,
) -> QueryResult<bool> {
    // The writer's turn serialises writes, so the check and the insert see the same state.
    if review_of(conn, report.id)?.is_some() {
        return Ok(false);
    }
    diesel::insert_into(report_reviews::table)
        .values((
            report_reviews::report_id.eq(report.id),
            report_reviews::reviewed_by.eq(by),
            report_reviews::reviewed_at.eq(now()),
            report_reviews::comment.eq(comment),
        ))
        .execute(conn)?;
    let review = review_of(conn, report.id)?;
    audit::record(
        conn,
        &audit::Change::<(), _> {
            user_id: Some(by),
            action: audit::Action::Decide,
            entity: "report_review",
            entity_id: report.id,
            project_id: Some(report.project_id),
            before: None,
            after: review.as_ref(),
        },
    )?;
    Ok(true)
}

/// Answers an open escalation with a decision. Returns whether it was: it is answered once.
pub fn answer(
    conn: &mut DbConnection,
    escalation: &EscalationRow,
    decision_id: i64,
    by: i64,
) -> QueryResult<bool> {
    let rows = diesel::update(
        escalations::table
            .filter(escalations::id.eq(escalation.id))
            .filter(escalations::answered_by_decision_id.is_null()),
    )
    .set((
        escalations::answered_by_decision_id.eq(Some(decision_id)),
        escalations::answered_at.eq(Some(now())),
    ))
    .execute(conn)?;
    if rows != 1 {
        return Ok(false);
    }
    let after: Option<EscalationRow> = escalations::table
        .find(escalation.id)
        .select(EscalationRow::as_select())
        .first(conn)
        .optional()?;
    audit::record(
        conn,
        &audit::Change {
            user_id: Some(by),
            action: audit::Action::Decide,
            entity: ESCALATION_ENTITY,
            entity_id: escalation.id,
            project_id: Some(escalation.project_id),
            before: Some(escalation),
            after: after.as_ref(),
        },
    )?;
    Ok(true)
}

/// The day the project entered planning: its phase decision to planning, if it has one.
pub fn planning_began(conn: &mut DbConnection, project_id: i64) -> QueryResult<Option<NaiveDate>> {
    decisions::table
        .filter(decisions::project_id.eq(project_id))
        .filter(decisions::kind.eq(DecisionKind::PhaseChange.as_str()))
        .filter(decisions::phase_to.eq(Phase::Planning.as_str()))
        .select(diesel::dsl::min(decisions::decided_on))
        .first(conn)
}

/// The decision `id`, if there is one.
pub fn find_decision(conn: &mut DbConnection, id: i64) -> QueryResult<Option<DecisionRow>> {
    decisions::table
        .find(id)
        .select(DecisionRow::as_select())
        .first(conn)
        .optional()
}

/// The decisions with these ids: the answers of escalations.
pub fn decisions_by_id(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<DecisionRow>> {
    decisions::table
        .filter(decisions::id.eq_any(ids))
        .select(DecisionRow::as_select())
        .load(conn)
}

/// The decisions of `body` on the project, or on no project, made on `since` or later, newest
/// first: what may answer an escalation to that body raised on `since`.
pub fn answer_candidates(
    conn: &mut DbConnection,
    project_id: i64,
    body: Body,
    since: NaiveDate,
) -> QueryResult<Vec<DecisionRow>> {
    decisions::table
        .filter(decisions::body.eq(body.as_str()))
        .filter(
            decisions::project_id
                .eq(project_id)
                .or(decisions::project_id.is_null()),
        )
        .filter(decisions::decided_on.ge(since))
        .order((decisions::decided_on.desc(), decisions::id.desc()))
        .select(DecisionRow::as_select())
        .load(conn)
}

/// The escalations raised in the project's submitted versions, oldest first, each with the period
/// of its report: what the project page lists as open or answered.
pub fn raised_escalations(
    conn: &mut DbConnection,
    project_id: i64,
) -> QueryResult<Vec<(EscalationRow, String)>> {
    escalations::table
        .inner_join(status_reports::table)
        .filter(escalations::project_id.eq(project_id))
        .filter(status_reports::status.eq(Status::Submitted.as_str()))
        .order(escalations::id)
        .select((EscalationRow::as_select(), status_reports::period))
        .load(conn)
}

/// Adds an escalation to a draft on its own. Returns whether it was: the version may have been
/// submitted meanwhile.
pub fn add_escalation(
    conn: &mut DbConnection,
    report: &ReportRow,
    escalation: &Escalation,
    by: i64,
) -> QueryResult<bool> {
    let before = audited(conn, report.id)?;
    let still_draft = before
        .as_ref()
        .is_some_and(|b| b.report.status == Status::Draft.as_str());
    if !still_draft {
        return Ok(false);
    }
    insert_escalation(conn, report, escalation, by)?;
    record(
        conn,
        report.project_id,
        report.id,
        by,
        audit::Action::Update,
        before.as_ref(),
    )?;
    Ok(true)
}
