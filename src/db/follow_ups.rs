//! The monthly budget follow-up (månadsuppföljning): one row per month and board or unit.
//! Recording a month again replaces its numbers; the audit trail keeps what they were.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::follow_ups;
use super::{DbConnection, now};
use crate::domain::follow_up::{FollowUpInput, Target};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = follow_ups)]
pub struct FollowUpRow {
    pub id: i64,
    pub period: String,
    pub board_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub budget: i64,
    pub forecast_deviation: i64,
    pub comment: String,
    pub recorded_by: i64,
    pub recorded_at: NaiveDateTime,
}

impl FollowUpRow {
    /// Whose follow-up it is; the schema holds exactly one of the two.
    pub fn target(&self) -> Option<Target> {
        match (self.unit_id, self.board_id) {
            (Some(unit), None) => Some(Target::Unit(unit)),
            (None, Some(board)) => Some(Target::Board(board)),
            _ => None,
        }
    }
}

/// The follow-ups of `year`, by month and then as recorded.
pub fn of_year(conn: &mut DbConnection, year: i32) -> QueryResult<Vec<FollowUpRow>> {
    follow_ups::table
        .filter(follow_ups::period.like(format!("{year:04}-%")))
        .order((follow_ups::period, follow_ups::id))
        .select(FollowUpRow::as_select())
        .load(conn)
}

/// The years that have a follow-up, the latest first.
pub fn years(conn: &mut DbConnection) -> QueryResult<Vec<i32>> {
    let periods: Vec<String> = follow_ups::table
        .select(follow_ups::period)
        .distinct()
        .load(conn)?;
    let mut years: Vec<i32> = periods
        .iter()
        .filter_map(|p| p.get(..4).and_then(|y| y.parse().ok()))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(years)
}

/// The follow-up of `target` for the month `period` (`YYYY-MM`), if recorded.
pub fn find(
    conn: &mut DbConnection,
    period: &str,
    target: Target,
) -> QueryResult<Option<FollowUpRow>> {
    let query = follow_ups::table
        .filter(follow_ups::period.eq(period))
        .into_boxed();
    let query = match target {
        Target::Unit(unit) => query.filter(follow_ups::unit_id.eq(unit)),
        Target::Board(board) => query.filter(follow_ups::board_id.eq(board)),
    };
    query
        .select(FollowUpRow::as_select())
        .first(conn)
        .optional()
}

/// Whether recording created the month's follow-up or replaced one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Created,
    Replaced,
}

/// Records `input` by `user`: a new row, or the month's row of that board or unit replaced; the
/// audit entry holds what was there before and what is there now.
pub fn record(conn: &mut DbConnection, input: &FollowUpInput, user: i64) -> QueryResult<Recorded> {
    let period = input.period.to_string();
    let (unit, board) = match input.target {
        Target::Unit(unit) => (Some(unit), None),
        Target::Board(board) => (None, Some(board)),
    };
    let before = find(conn, &period, input.target)?;
    let recorded = match &before {
        Some(row) => {
            diesel::update(follow_ups::table.find(row.id))
                .set((
                    follow_ups::budget.eq(input.budget),
                    follow_ups::forecast_deviation.eq(input.forecast_deviation),
                    follow_ups::comment.eq(&input.comment),
                    follow_ups::recorded_by.eq(user),
                    follow_ups::recorded_at.eq(now()),
                ))
                .execute(conn)?;
            Recorded::Replaced
        }
        None => {
            diesel::insert_into(follow_ups::table)
                .values((
                    follow_ups::period.eq(&period),
                    follow_ups::unit_id.eq(unit),
                    follow_ups::board_id.eq(board),
                    follow_ups::budget.eq(input.budget),
                    follow_ups::forecast_deviation.eq(input.forecast_deviation),
                    follow_ups::comment.eq(&input.comment),
                    follow_ups::recorded_by.eq(user),
                    follow_ups::recorded_at.eq(now()),
                ))
                .execute(conn)?;
            Recorded::Created
        }
    };
    let after = find(conn, &period, input.target)?.ok_or(diesel::result::Error::NotFound)?;
    super::audit::record(
        conn,
        &super::audit::Change {
            user_id: Some(user),
            action: match recorded {
                Recorded::Created => super::audit::Action::Create,
                Recorded::Replaced => super::audit::Action::Update,
            },
            entity: "follow_up",
            entity_id: after.id,
            project_id: None,
            before: before.as_ref(),
            after: Some(&after),
        },
    )?;
    Ok(recorded)
}
