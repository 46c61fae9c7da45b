//! The portfolio's queries: the facts of every active project loaded set-wise, a fixed handful of
//! statements whatever the number of projects, for `domain::portfolio::status` to assemble. Also
//! the lists the start page and the CSV files read, each one statement.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{
    boards, decisions, escalations, plan_budget_lines, plan_milestones, plans, projects,
    report_milestones, report_reviews, status_reports, units, users,
};
use crate::domain::document::Status;
use crate::domain::phase::Phase;
use crate::domain::portfolio::status::{
    EscalationFact, Facts, MilestoneFact, ProjectFact, ReportFact,
};
use crate::domain::status_report::{
    EscalationKind, EscalationTo, Light, MilestoneUpdate, Period, owes_reports,
};
use crate::domain::validation::sum_sek;

/// The phases whose projects owe reports, as stored.
fn active_phases() -> Vec<&'static str> {
    Phase::ALL
        .into_iter()
        .filter(|p| owes_reports(*p))
        .map(Phase::as_str)
        .collect()
}

/// The lean columns of a submitted version the portfolio reads.
type ReportColumns = (
    i64,
    i64,
    String,
    i32,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<NaiveDate>,
);

fn light(raw: Option<&str>) -> Option<Light> {
    raw.and_then(|raw| Light::parse(raw).ok())
}

fn report_fact(row: ReportColumns) -> Option<ReportFact> {
    let (id, project_id, period, version, o, t, c, s, r, k, forecast_sek, submitted_on) = row;
    Some(ReportFact {
        id,
        project_id,
        period: Period::parse(&period).ok()?,
        version,
        lights: [o, t, c, s, r, k].map(|raw| light(raw.as_deref())),
        forecast_sek,
        submitted_on,
    })
}

/// The submitted versions of active projects' reports, from `from` on, or of the projects
/// `only` (then of every period).
fn submitted_reports(
    conn: &mut DbConnection,
    from: Option<Period>,
    only: Option<&[i64]>,
) -> QueryResult<Vec<ReportColumns>> {
    let mut query = status_reports::table
        .inner_join(projects::table)
        .filter(status_reports::status.eq(Status::Submitted.as_str()))
        .filter(projects::phase.eq_any(active_phases()))
        .select((
            status_reports::id,
            status_reports::project_id,
            status_reports::period,
            status_reports::version,
            status_reports::overall,
            status_reports::time_light,
            status_reports::cost_light,
            status_reports::scope_light,
            status_reports::resources_light,
            status_reports::risk_light,
            status_reports::forecast_sek,
            status_reports::submitted_on,
        ))
        .into_boxed();
    if let Some(from) = from {
        query = query.filter(status_reports::period.ge(from.to_string()));
    }
    if let Some(ids) = only {
        query = query.filter(status_reports::project_id.eq_any(ids.to_vec()));
    }
    query.load(conn)
}

/// Keeps the newest version of each project's period.
fn newest_versions(rows: Vec<ReportColumns>) -> Vec<ReportFact> {
    let mut newest: HashMap<(i64, Period), ReportFact> = HashMap::with_capacity(rows.len());
    for fact in rows.into_iter().filter_map(report_fact) {
        match newest.get(&(fact.project_id, fact.period)) {
            Some(kept) if kept.version >= fact.version => {}
            _ => {
                newest.insert((fact.project_id, fact.period), fact);
            }
        }
    }
    newest.into_values().collect()
}

/// A project's columns: id, code, name, unit, unit name, board, board name, phase, lead.
type ProjectColumns = (
    i64,
    String,
    String,
    i64,
    String,
    i64,
    String,
    String,
    Option<i64>,
);

/// An escalation's columns: id, project, report, text, kind, addressee, day submitted.
type EscalationColumns = (i64, i64, i64, String, String, String, Option<NaiveDate>);

fn projects_owing_reports(conn: &mut DbConnection) -> QueryResult<Vec<ProjectFact>> {
    let names: HashMap<i64, String> = users::table
        .select((users::id, users::display_name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let mut began: HashMap<i64, NaiveDate> = HashMap::new();
    let planning: Vec<(Option<i64>, NaiveDate)> = decisions::table
        .filter(decisions::phase_to.eq(Phase::Planning.as_str()))
        .select((decisions::project_id, decisions::decided_on))
        .load(conn)?;
    for (project_id, on) in planning {
        if let Some(id) = project_id {
            let first = began.entry(id).or_insert(on);
            *first = (*first).min(on);
        }
    }
    let rows: Vec<ProjectColumns> = projects::table
        .inner_join(units::table.inner_join(boards::table))
        .filter(projects::phase.eq_any(active_phases()))
        .order(projects::code)
        .select((
            projects::id,
            projects::code,
            projects::name,
            projects::unit_id,
            units::name,
            units::board_id,
            boards::name,
            projects::phase,
            projects::project_lead_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, code, name, unit_id, unit_name, board_id, board_name, phase, lead_id)| {
                ProjectFact {
                    id,
                    code,
                    name,
                    unit_id,
                    unit_name,
                    board_id,
                    board_name,
                    phase: Phase::parse(&phase).unwrap_or(Phase::Planning),
                    lead_name: lead_id.and_then(|id| names.get(&id).cloned()),
                    lead_id,
                    planning_began: began.get(&id).copied(),
                }
            },
        )
        .collect())
}

/// Every active project's reports from `from` on; for a project with fewer than two periods
/// reported since, all of its reports, so that its latest light and its trend are known however
/// long it has been silent. Two statements.
fn reports_since(
    conn: &mut DbConnection,
    from: Period,
    projects: &[ProjectFact],
) -> QueryResult<Vec<ReportFact>> {
    let mut reports = newest_versions(submitted_reports(conn, Some(from), None)?);
    let mut periods: HashMap<i64, usize> = HashMap::with_capacity(projects.len());
    for report in &reports {
        *periods.entry(report.project_id).or_default() += 1;
    }
    let short: Vec<i64> = projects
        .iter()
        .filter(|p| periods.get(&p.id).copied().unwrap_or(0) < 2)
        .map(|p| p.id)
        .collect();
    // Always run, so that the number of statements does not depend on the data.
    let older = submitted_reports(conn, None, Some(&short))?;
    let from = from.to_string();
    reports.extend(newest_versions(
        older.into_iter().filter(|row| row.2 < from).collect(),
    ));
    Ok(reports)
}

fn updates_of(
    conn: &mut DbConnection,
    report_ids: Vec<i64>,
) -> QueryResult<HashMap<i64, Vec<MilestoneUpdate>>> {
    let rows: Vec<(i64, i64, Option<NaiveDate>, Option<NaiveDate>)> = report_milestones::table
        .filter(report_milestones::report_id.eq_any(report_ids))
        .select((
            report_milestones::report_id,
            report_milestones::milestone_id,
            report_milestones::actual_on,
            report_milestones::forecast_on,
        ))
        .load(conn)?;
    let mut updates: HashMap<i64, Vec<MilestoneUpdate>> = HashMap::new();
    for (report_id, milestone_id, actual_on, forecast_on) in rows {
        updates.entry(report_id).or_default().push(MilestoneUpdate {
            milestone_id,
            actual_on,
            forecast_on,
        });
    }
    Ok(updates)
}

/// Each project's newest approved plan: its milestones in order, and its budget.
fn approved_plans(conn: &mut DbConnection) -> QueryResult<(Vec<MilestoneFact>, HashMap<i64, i64>)> {
    let approved = Status::Approved.as_str();
    let versions: Vec<(i64, i64, i32)> = plans::table
        .filter(plans::status.eq(approved))
        .select((plans::id, plans::project_id, plans::version))
        .load(conn)?;
    let mut newest: HashMap<i64, (i64, i32)> = HashMap::new();
    for (plan_id, project_id, version) in versions {
        let kept = newest.entry(project_id).or_insert((plan_id, version));
        if version > kept.1 {
            *kept = (plan_id, version);
        }
    }
    let project_of: HashMap<i64, i64> = newest
        .iter()
        .map(|(project, (plan, _))| (*plan, *project))
        .collect();
    let milestones: Vec<(i64, i64, String, NaiveDate, Option<NaiveDate>)> = plan_milestones::table
        .inner_join(plans::table)
        .filter(plans::status.eq(approved))
        .order((plan_milestones::plan_id, plan_milestones::position))
        .select((
            plan_milestones::id,
            plan_milestones::plan_id,
            plan_milestones::name,
            plan_milestones::planned_on,
            plan_milestones::actual_on,
        ))
        .load(conn)?;
    let milestones = milestones
        .into_iter()
        .filter_map(|(id, plan_id, name, planned_on, actual_on)| {
            Some(MilestoneFact {
                id,
                project_id: *project_of.get(&plan_id)?,
                name,
                planned_on,
                actual_on,
            })
        })
        .collect();
    let lines: Vec<(i64, i64)> = plan_budget_lines::table
        .inner_join(plans::table)
        .filter(plans::status.eq(approved))
        .select((plan_budget_lines::plan_id, plan_budget_lines::amount_sek))
        .load(conn)?;
    let mut amounts: HashMap<i64, Vec<i64>> = HashMap::new();
    for (plan_id, amount) in lines {
        if let Some(project) = project_of.get(&plan_id) {
            amounts.entry(*project).or_default().push(amount);
        }
    }
    let mut budgets: HashMap<i64, i64> = amounts
        .into_iter()
        .map(|(project, amounts)| (project, sum_sek(amounts)))
        .collect();
    // A plan without budget lines has a budget of nothing.
    for project in newest.keys() {
        budgets.entry(*project).or_insert(0);
    }
    Ok((milestones, budgets))
}

/// The escalations raised in submitted reports and not yet answered, oldest first.
pub fn open_escalations(conn: &mut DbConnection) -> QueryResult<Vec<EscalationFact>> {
    let rows: Vec<EscalationColumns> = escalations::table
        .inner_join(status_reports::table)
        .filter(status_reports::status.eq(Status::Submitted.as_str()))
        .filter(escalations::answered_by_decision_id.is_null())
        .order(escalations::id)
        .select((
            escalations::id,
            escalations::project_id,
            escalations::report_id,
            escalations::text,
            escalations::kind,
            escalations::addressed_to,
            status_reports::submitted_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, project_id, report_id, text, kind, to, raised_on)| EscalationFact {
                id,
                project_id,
                report_id,
                text,
                kind: EscalationKind::parse(&kind).ok(),
                to: EscalationTo::parse(&to).ok(),
                raised_on,
            },
        )
        .collect())
}

/// The facts of every project that owes reports, with its reports from `from` on (and the latest
/// of those silent since). Nine statements, whatever the number of projects.
pub fn facts(conn: &mut DbConnection, from: Period) -> QueryResult<Facts> {
    let projects = projects_owing_reports(conn)?;
    let reports = reports_since(conn, from, &projects)?;
    let mut latest: HashMap<i64, (Period, i64)> = HashMap::new();
    for report in &reports {
        let kept = latest
            .entry(report.project_id)
            .or_insert((report.period, report.id));
        if report.period > kept.0 {
            *kept = (report.period, report.id);
        }
    }
    let updates = updates_of(conn, latest.values().map(|(_, id)| *id).collect())?;
    let (milestones, budgets) = approved_plans(conn)?;
    let open_escalations = open_escalations(conn)?;
    Ok(Facts {
        projects,
        reports,
        updates,
        milestones,
        budgets,
        open_escalations,
    })
}

/// A version of a report as the start page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportItem {
    pub id: i64,
    pub project_id: i64,
    pub code: String,
    pub name: String,
    pub period: String,
    pub version: i32,
    pub submitted_on: Option<NaiveDate>,
}

type ItemColumns = (i64, i64, String, String, String, i32, Option<NaiveDate>);

fn item((id, project_id, code, name, period, version, submitted_on): ItemColumns) -> ReportItem {
    ReportItem {
        id,
        project_id,
        code,
        name,
        period,
        version,
        submitted_on,
    }
}

/// The drafts of the reports of the projects `lead_id` leads, by project code and period.
pub fn drafts_of_lead(conn: &mut DbConnection, lead_id: i64) -> QueryResult<Vec<ReportItem>> {
    let rows: Vec<ItemColumns> = status_reports::table
        .inner_join(projects::table)
        .filter(status_reports::status.eq(Status::Draft.as_str()))
        .filter(projects::project_lead_id.eq(lead_id))
        .order((projects::code, status_reports::period))
        .select((
            status_reports::id,
            status_reports::project_id,
            projects::code,
            projects::name,
            status_reports::period,
            status_reports::version,
            status_reports::submitted_on,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(item).collect())
}

/// Submitted versions that are the newest of their period and not reviewed, oldest submission
/// first: what waits for the development manager. Two statements.
pub fn awaiting_review(conn: &mut DbConnection) -> QueryResult<Vec<ReportItem>> {
    let rows: Vec<ItemColumns> = status_reports::table
        .inner_join(projects::table)
        .left_join(report_reviews::table)
        .filter(status_reports::status.eq(Status::Submitted.as_str()))
        .filter(report_reviews::report_id.nullable().is_null())
        .order((status_reports::submitted_on, projects::code))
        .select((
            status_reports::id,
            status_reports::project_id,
            projects::code,
            projects::name,
            status_reports::period,
            status_reports::version,
            status_reports::submitted_on,
        ))
        .load(conn)?;
    let project_ids: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let versions: Vec<(i64, String, i32)> = status_reports::table
        .filter(status_reports::project_id.eq_any(project_ids))
        .select((
            status_reports::project_id,
            status_reports::period,
            status_reports::version,
        ))
        .load(conn)?;
    let mut newest: HashMap<(i64, String), i32> = HashMap::new();
    for (project, period, version) in versions {
        let kept = newest.entry((project, period)).or_insert(version);
        *kept = (*kept).max(version);
    }
    Ok(rows
        .into_iter()
        .filter(|r| newest.get(&(r.1, r.4.clone())).is_none_or(|v| *v == r.5))
        .map(item)
        .collect())
}

/// The comments of the given versions' lights, by version: what a roll-up quotes.
pub fn light_comments(
    conn: &mut DbConnection,
    report_ids: Vec<i64>,
) -> QueryResult<HashMap<i64, super::reports::ReportRow>> {
    Ok(status_reports::table
        .filter(status_reports::id.eq_any(report_ids))
        .select(super::reports::ReportRow::as_select())
        .load::<super::reports::ReportRow>(conn)?
        .into_iter()
        .map(|row| (row.id, row))
        .collect())
}

/// Every project's newest submitted version of `period`, in code order, with the project's code
/// and name: the rows of `reports.csv`.
pub fn reports_of_period(
    conn: &mut DbConnection,
    period: Period,
) -> QueryResult<Vec<(String, String, super::reports::ReportRow)>> {
    let rows: Vec<(String, String, super::reports::ReportRow)> = status_reports::table
        .inner_join(projects::table)
        .filter(status_reports::period.eq(period.to_string()))
        .filter(status_reports::status.eq(Status::Submitted.as_str()))
        .order((projects::code, status_reports::version.desc()))
        .select((
            projects::code,
            projects::name,
            super::reports::ReportRow::as_select(),
        ))
        .load(conn)?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter(|(_, _, row)| seen.insert(row.project_id))
        .collect())
}
