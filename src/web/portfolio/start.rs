//! What the start page (`GET /`) shows each user, loaded with a fixed number of statements.

use chrono::NaiveDate;

use std::sync::Arc;

use crate::db::action_items::{self, Filter};
use crate::db::statuses::Statuses;
use crate::db::{DbConnection, portfolio};
use crate::domain::policy::Action;
use crate::domain::portfolio::attention;
use crate::domain::role::Role;
use crate::domain::status_report::{ReportState, periods_to_report};
use crate::error::AppError;
use crate::views::start::{
    DueReport, NeedsAttention, OpenEscalation, Start, StartActions, StartPage,
};
use crate::web::context::CurrentUser;

/// What the start page shows `user`; `statuses` are every active project's (read for the
/// development manager and project leads).
pub fn load(
    conn: &mut DbConnection,
    user: &CurrentUser,
    today: NaiveDate,
    statuses: Option<Arc<Statuses>>,
) -> Result<StartPage, AppError> {
    let main = match (user.role, statuses) {
        (Role::DevelopmentManager, Some(statuses)) => development_manager(conn, &statuses)?,
        (Role::ProjectLead, Some(statuses)) => lead(conn, user.id, today, &statuses)?,
        _ => Start::Welcome,
    };
    let actions = actions(conn, user, today)?;
    Ok(StartPage { main, actions })
}

/// The user's own open action items, overdue first; and for those who follow everyone's, how
/// many are open and overdue in all. A fixed number of statements, however many there are.
fn actions(
    conn: &mut DbConnection,
    user: &CurrentUser,
    today: NaiveDate,
) -> Result<StartActions, AppError> {
    let mut own = action_items::list(
        conn,
        Filter {
            owner: Some(user.id),
            open_only: true,
            id: None,
        },
    )?;
    crate::web::action_items::in_order(&mut own, today);
    let all = if user.may(Action::ViewAllActionItems) {
        Some(action_items::open_count(conn, today)?)
    } else {
        None
    };
    Ok(StartActions { own, all, today })
}

fn lead(
    conn: &mut DbConnection,
    lead_id: i64,
    today: NaiveDate,
    statuses: &Statuses,
) -> Result<Start, AppError> {
    let (reporting, all) = (statuses.reporting, &statuses.all);
    let drafts = portfolio::drafts_of_lead(conn, lead_id)?;
    let mut due = Vec::new();
    for status in all.iter().filter(|s| s.project.lead_id == Some(lead_id)) {
        let p = &status.project;
        for period in periods_to_report(today) {
            if !p.owes(period) || status.report_of(period).is_some() {
                continue;
            }
            let state = ReportState::of(period, reporting.due_day, None, today);
            let draft_id = drafts
                .iter()
                .find(|d| d.project_id == p.id && d.period == period.to_string())
                .map(|d| d.id);
            due.push(DueReport {
                project_id: p.id,
                code: p.code.clone(),
                name: p.name.clone(),
                period,
                state,
                draft_id,
            });
        }
    }
    Ok(Start::Lead { due, drafts })
}

fn development_manager(conn: &mut DbConnection, statuses: &Statuses) -> Result<Start, AppError> {
    let all = &statuses.all;
    let awaiting = portfolio::awaiting_review(conn)?;
    let escalations = statuses
        .escalations
        .iter()
        .cloned()
        .filter_map(|e| {
            let status = all.iter().find(|s| s.project.id == e.project_id)?;
            Some(OpenEscalation {
                project_id: e.project_id,
                code: status.project.code.clone(),
                report_id: e.report_id,
                text: e.text,
                kind: e.kind,
                to: e.to,
                raised_on: e.raised_on,
            })
        })
        .collect();
    let attention = all
        .iter()
        .filter_map(|s| {
            let reasons = attention(&s.attention_facts());
            (!reasons.is_empty()).then(|| NeedsAttention {
                project_id: s.project.id,
                code: s.project.code.clone(),
                name: s.project.name.clone(),
                reasons,
            })
        })
        .collect();
    Ok(Start::DevelopmentManager {
        awaiting,
        escalations,
        attention,
    })
}
