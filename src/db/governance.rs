//! What the phase rules need to know about a project, read from its directives, plans, closing
//! report and decisions.

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;

use super::schema::{
    closing_reports, decisions, directives, plans, projects, steering_group_members, users,
};
use super::{DbConnection, audit, decisions as decision_log, projects as project_rows};
use crate::domain::decision::{Body, DecisionKind, Floor, Ground, PhaseDecisionInput, floor};
use crate::domain::directive::DirectiveKind;
use crate::domain::document::{AuthorFacts, Authors, Status};
use crate::domain::phase::{ApprovedDirective, ClosingReportFacts, FactDates, Phase, PhaseFacts};
use crate::domain::role::Role;
use crate::domain::steering::SteeringRole;

pub fn phase_facts(
    conn: &mut DbConnection,
    project_id: i64,
    current: Phase,
) -> QueryResult<PhaseFacts> {
    let approved_pre_study_directive: bool = diesel::select(diesel::dsl::exists(
        directives::table
            .filter(directives::project_id.eq(project_id))
            .filter(directives::kind.eq(DirectiveKind::PreStudy.as_str()))
            .filter(directives::status.eq(Status::Approved.as_str())),
    ))
    .get_result(conn)?;

    let approved_directive: Option<(i32, Option<String>, Option<NaiveDate>)> = directives::table
        .left_join(decisions::table.on(directives::decision_id.eq(decisions::id.nullable())))
        .filter(directives::project_id.eq(project_id))
        .filter(directives::kind.eq(DirectiveKind::Project.as_str()))
        .filter(directives::status.eq(Status::Approved.as_str()))
        .order(directives::version.desc())
        .select((
            directives::version,
            directives::approving_body,
            decisions::decided_on.nullable(),
        ))
        .first(conn)
        .optional()?;
    let directive_approved = approved_directive.as_ref().and_then(|(_, _, on)| *on);
    let approved_directive = approved_directive.map(|(version, body, _)| ApprovedDirective {
        version,
        needs_management_group: body.as_deref() == Some(Body::ManagementGroup.as_str()),
    });

    let pre_study_directive_approved: Option<Option<NaiveDate>> = directives::table
        .left_join(decisions::table.on(directives::decision_id.eq(decisions::id.nullable())))
        .filter(directives::project_id.eq(project_id))
        .filter(directives::kind.eq(DirectiveKind::PreStudy.as_str()))
        .filter(directives::status.eq(Status::Approved.as_str()))
        .order(directives::version.desc())
        .select(decisions::decided_on.nullable())
        .first(conn)
        .optional()?;

    let approved_plan: Option<(i32, Option<i64>)> = plans::table
        .inner_join(directives::table)
        .filter(plans::project_id.eq(project_id))
        .filter(plans::status.eq(Status::Approved.as_str()))
        .filter(directives::kind.eq(DirectiveKind::Project.as_str()))
        .order(plans::version.desc())
        .select((directives::version, plans::decision_id))
        .first(conn)
        .optional()?;
    let approved_plan_answers = approved_plan.map(|(version, _)| version);
    let plan_approved: Option<NaiveDate> = match approved_plan.and_then(|(_, id)| id) {
        Some(id) => decisions::table
            .find(id)
            .select(decisions::decided_on)
            .first(conn)
            .optional()?,
        None => None,
    };

    type Report = (
        String,
        Option<i64>,
        String,
        String,
        Option<i64>,
        Option<chrono::NaiveDate>,
    );
    let report: Option<Report> = closing_reports::table
        .filter(closing_reports::project_id.eq(project_id))
        .select((
            closing_reports::outcome,
            closing_reports::final_cost_sek,
            closing_reports::lessons,
            closing_reports::handover,
            closing_reports::maintenance_owner_id,
            closing_reports::benefit_follow_up_on,
        ))
        .first(conn)
        .optional()?;
    let closing_report =
        report.map(
            |(outcome, cost, lessons, handover, owner, follow_up)| ClosingReportFacts {
                complete: !outcome.trim().is_empty()
                    && cost.is_some()
                    && !lessons.trim().is_empty()
                    && !handover.trim().is_empty(),
                maintenance_owner: owner.is_some(),
                benefit_follow_up: follow_up.is_some(),
            },
        );

    let last_phase_decision: Option<(String, NaiveDate)> = decisions::table
        .filter(decisions::project_id.eq(project_id))
        .filter(decisions::kind.eq(DecisionKind::PhaseChange.as_str()))
        .order((decisions::decided_on.desc(), decisions::id.desc()))
        .select((decisions::body, decisions::decided_on))
        .first(conn)
        .optional()?;

    let steering_group_has_chair: bool = diesel::select(diesel::dsl::exists(
        steering_group_members::table
            .filter(steering_group_members::project_id.eq(project_id))
            .filter(steering_group_members::role.eq(SteeringRole::Chair.as_str())),
    ))
    .get_result(conn)?;

    Ok(PhaseFacts {
        current,
        steering_group_has_chair,
        approved_pre_study_directive,
        approved_directive,
        approved_plan_answers,
        closing_report,
        current_phase_body: last_phase_decision
            .as_ref()
            .and_then(|(body, _)| Body::parse(body)),
        dates: FactDates {
            registered: registered_on(conn, project_id)?,
            last_phase_decision: last_phase_decision.map(|(_, on)| on),
            pre_study_directive_approved: pre_study_directive_approved.flatten(),
            directive_approved,
            plan_approved,
        },
    })
}

/// The local day of a time stored in UTC.
pub fn local_date(at: NaiveDateTime) -> NaiveDate {
    Utc.from_utc_datetime(&at)
        .with_timezone(&Local)
        .date_naive()
}

/// The day a project was registered, if it exists.
pub fn registered_on(conn: &mut DbConnection, project_id: i64) -> QueryResult<Option<NaiveDate>> {
    let at: Option<NaiveDateTime> = projects::table
        .find(project_id)
        .select(projects::created_at)
        .first(conn)
        .optional()?;
    Ok(at.map(local_date))
}

/// The floor of a decision on a project that rests on its registration alone (a steering group
/// meeting's), or on a version's submission too (`submitted_on`, an approval or return).
pub fn floor_of(
    conn: &mut DbConnection,
    project_id: i64,
    submitted_on: Option<NaiveDate>,
) -> QueryResult<Option<Floor>> {
    Ok(floor(&[
        (Ground::Registered, registered_on(conn, project_id)?),
        (Ground::Submitted, submitted_on),
    ]))
}

/// What four eyes needs to know of a version's authors: whether a development manager is among
/// them, and whether the steering group's chair (`chair`) is.
pub fn author_facts(
    conn: &mut DbConnection,
    authors: &Authors,
    chair: Option<i64>,
) -> QueryResult<AuthorFacts> {
    let ids: Vec<i64> = authors.ids().collect();
    let roles: Vec<String> = users::table
        .filter(users::id.eq_any(&ids))
        .select(users::role)
        .load(conn)?;
    Ok(AuthorFacts {
        development_manager: roles.iter().any(|r| r == Role::DevelopmentManager.as_str()),
        steering_chair: chair.is_some_and(|chair| authors.includes(chair)),
    })
}

/// The chair of a project's steering group, if it has one.
pub fn chair(conn: &mut DbConnection, project_id: i64) -> QueryResult<Option<i64>> {
    steering_group_members::table
        .filter(steering_group_members::project_id.eq(project_id))
        .filter(steering_group_members::role.eq(SteeringRole::Chair.as_str()))
        .select(steering_group_members::user_id)
        .first(conn)
        .optional()
}

/// A version of a directive or plan, as the project page lists it.
#[derive(Debug, Clone)]
pub struct VersionSummary {
    pub id: i64,
    /// `project` or `pre_study` for directives; empty for plans.
    pub kind: String,
    pub version: i32,
    pub status: String,
}

impl VersionSummary {
    pub fn status(&self) -> Option<Status> {
        Status::parse(&self.status)
    }
}

/// The versions of a project's directives and plans, newest first.
pub fn versions(
    conn: &mut DbConnection,
    project_id: i64,
) -> QueryResult<(Vec<VersionSummary>, Vec<VersionSummary>)> {
    let directive_rows: Vec<(i64, String, i32, String)> = directives::table
        .filter(directives::project_id.eq(project_id))
        .order((directives::kind, directives::version.desc()))
        .select((
            directives::id,
            directives::kind,
            directives::version,
            directives::status,
        ))
        .load(conn)?;
    let plan_rows: Vec<(i64, i32, String)> = plans::table
        .filter(plans::project_id.eq(project_id))
        .order(plans::version.desc())
        .select((plans::id, plans::version, plans::status))
        .load(conn)?;
    Ok((
        directive_rows
            .into_iter()
            .map(|(id, kind, version, status)| VersionSummary {
                id,
                kind,
                version,
                status,
            })
            .collect(),
        plan_rows
            .into_iter()
            .map(|(id, version, status)| VersionSummary {
                id,
                kind: String::new(),
                version,
                status,
            })
            .collect(),
    ))
}

/// Records a phase decision the phase table allowed: the decision of `body` moving the project
/// from `from` to the phase `input` names, the project's new phase, and both audit entries, in
/// the caller's transaction. `recorded_by` entered it.
pub fn record_phase_change(
    conn: &mut DbConnection,
    project_id: i64,
    from: Phase,
    input: &PhaseDecisionInput,
    body: Body,
    recorded_by: i64,
) -> QueryResult<decision_log::DecisionRow> {
    let extras = decision_log::Extras::default();
    record_phase_change_with(conn, project_id, from, input, body, recorded_by, extras)
}

/// [`record_phase_change`] with the decision log's further fields: who formally decided, the item
/// of the minutes it was taken under (the demo's management group meetings).
pub fn record_phase_change_with(
    conn: &mut DbConnection,
    project_id: i64,
    from: Phase,
    input: &PhaseDecisionInput,
    body: Body,
    recorded_by: i64,
    extras: decision_log::Extras,
) -> QueryResult<decision_log::DecisionRow> {
    let before = project_rows::row(conn, project_id)?;
    let decision = decision_log::record(
        conn,
        &decision_log::NewDecision {
            body,
            project_id: Some(project_id),
            decided_on: input.decided_on,
            kind: DecisionKind::PhaseChange,
            text: &input.text,
            phase_from: Some(from),
            phase_to: Some(input.to),
            recorded_by,
            meeting_id: None,
            extras,
        },
    )?;
    project_rows::set_phase(conn, project_id, input.to)?;
    let after = project_rows::row(conn, project_id)?;
    audit::record(
        conn,
        &audit::Change {
            user_id: Some(recorded_by),
            action: audit::Action::Update,
            entity: "project",
            entity_id: project_id,
            project_id: Some(project_id),
            before: before.as_ref(),
            after: after.as_ref(),
        },
    )?;
    Ok(decision)
}
