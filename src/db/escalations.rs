//! The portfolio's escalations: every escalation raised in a submitted report, with its project,
//! its report and the decision that answered it, in two set-based queries.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::DbConnection;
use super::decisions::DecisionRow;
use super::reports::EscalationRow;
use super::schema::{decisions, escalations, projects, status_reports};
use crate::domain::document::Status;
use crate::domain::status_report::{EscalationKind, EscalationTo};

/// Whether an escalation is still waiting for its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum State {
    #[default]
    Open,
    Answered,
    All,
}

/// Which escalations to list; `None` lists every one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub state: State,
    pub to: Option<EscalationTo>,
    pub kind: Option<EscalationKind>,
    /// A project's code.
    pub project: Option<String>,
}

/// An escalation as the portfolio lists it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub escalation: EscalationRow,
    pub project_code: String,
    pub project_name: String,
    pub period: String,
    /// The day its report was submitted: the day it was raised.
    pub raised_on: Option<NaiveDate>,
    /// The decision that answered it.
    pub answer: Option<DecisionRow>,
}

/// The escalations of submitted reports that `filter` lets through, the newest first.
pub fn list(conn: &mut DbConnection, filter: &Filter) -> QueryResult<Vec<Listed>> {
    let mut query = escalations::table
        .inner_join(status_reports::table.inner_join(projects::table))
        .filter(status_reports::status.eq(Status::Submitted.as_str()))
        .into_boxed();
    match filter.state {
        State::Open => query = query.filter(escalations::answered_by_decision_id.is_null()),
        State::Answered => query = query.filter(escalations::answered_by_decision_id.is_not_null()),
        State::All => {}
    }
    if let Some(to) = filter.to {
        query = query.filter(escalations::addressed_to.eq(to.as_str()));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(escalations::kind.eq(kind.as_str()));
    }
    if let Some(code) = &filter.project {
        query = query.filter(projects::code.eq(code.clone()));
    }
    let rows: Vec<(EscalationRow, String, String, String, Option<NaiveDate>)> = query
        .order((status_reports::submitted_on.desc(), escalations::id.desc()))
        .select((
            EscalationRow::as_select(),
            projects::code,
            projects::name,
            status_reports::period,
            status_reports::submitted_on,
        ))
        .load(conn)?;
    let decision_ids: Vec<i64> = rows
        .iter()
        .filter_map(|(e, ..)| e.answered_by_decision_id)
        .collect();
    let answers: Vec<DecisionRow> = if decision_ids.is_empty() {
        Vec::new()
    } else {
        decisions::table
            .filter(decisions::id.eq_any(&decision_ids))
            .select(DecisionRow::as_select())
            .load(conn)?
    };
    Ok(rows
        .into_iter()
        .map(
            |(escalation, project_code, project_name, period, raised_on)| {
                let answer = escalation
                    .answered_by_decision_id
                    .and_then(|id| answers.iter().find(|d| d.id == id).cloned());
                Listed {
                    escalation,
                    project_code,
                    project_name,
                    period,
                    raised_on,
                    answer,
                }
            },
        )
        .collect())
}
