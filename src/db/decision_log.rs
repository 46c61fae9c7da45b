//! Reads of the decision log: a page of it, filtered and searched through the full-text index the
//! database keeps (FTS5's `decisions_fts` on SQLite, the Swedish `decisions.search` on PostgreSQL), one decision with everything it refers to, and the delegated
//! decisions of a period; and recording a delegated decision with the checks that need the
//! database. A page is a fixed number of statements, whatever the size of the log.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Date, Integer, Nullable, Text};

use super::decisions::{self, DecisionRow, Extras, NewDecision};
use super::schema::{
    decision_projects, decisions as decisions_table, escalations, meeting_items, meetings,
    projects, users,
};
use super::{Backend, DbConnection};
use crate::domain::decision::{
    Body, DecisionKind, TypedDecisionForm, check_decided_by, check_supersedes, parse_decided_on,
    parse_typed,
};
use crate::domain::decision_log::{LogFilter, PER_PAGE, Range};
use crate::domain::phase::Phase;
use crate::domain::validation::{FieldErrors, optional_id};

/// A project a decision concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// A decision as the log lists it, with the names it refers to.
#[derive(Debug, Clone)]
pub struct Listed {
    pub decision: DecisionRow,
    /// Its main project first, then the further ones.
    pub projects: Vec<ProjectRef>,
    pub decided_by: Option<String>,
    pub follow_up_by: Option<String>,
    pub recorded_by: Option<String>,
}

/// One page of the log and how many decisions the filters found in all.
#[derive(Debug, Clone, Default)]
pub struct LogPage {
    pub total: i64,
    pub rows: Vec<Listed>,
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// The SQL expression of a decision's category (the six kinds of the log's filter), written from
/// `DecisionKind::category` so that the two cannot disagree: a phase change into maintenance is a
/// closure.
fn category_sql() -> String {
    let mut sql = String::from("CASE");
    let maintenance = Phase::Maintenance.as_str();
    for kind in DecisionKind::ALL {
        let into_maintenance = kind.category(Some(Phase::Maintenance));
        if into_maintenance != kind.category(None) {
            sql.push_str(&format!(
                " WHEN d.kind = '{}' AND d.phase_to = '{maintenance}' THEN '{}'",
                kind.as_str(),
                into_maintenance.as_str()
            ));
        }
    }
    for kind in DecisionKind::ALL {
        sql.push_str(&format!(
            " WHEN d.kind = '{}' THEN '{}'",
            kind.as_str(),
            kind.category(None).as_str()
        ));
    }
    sql.push_str(" ELSE 'other' END");
    sql
}

/// The statement that finds the ids of a page (and the count of all that match). With a search,
/// it starts from the full-text index, so it reads only the matches, best first: FTS5's bm25 on
/// SQLite (lower is better), the rank of PostgreSQL's Swedish text search there (negated, so that
/// lower is better on both); without one, newest first. Parameters, in order: [the search,] body,
/// year, category, project, delegated, follow-up, today, whether confidential texts may match,
/// limit, offset.
fn page_sql(backend: Backend, search: bool) -> String {
    let p = |n: usize| format!("?{}", n + usize::from(search));
    let filters = format!(
        "({b} IS NULL OR d.body = {b}) \
         AND ({y} IS NULL OR d.year = {y}) \
         AND ({c} IS NULL OR ({category}) = {c}) \
         AND ({pr} IS NULL OR d.project_id = {pr} OR EXISTS (SELECT 1 FROM decision_projects dp \
              WHERE dp.decision_id = d.id AND dp.project_id = {pr})) \
         AND ({dl} IS NULL OR d.delegated = {dl}) \
         AND ({f} IS NULL OR ({f} = 'due' AND d.follow_up_on >= {t}) \
              OR ({f} = 'overdue' AND d.follow_up_on < {t}))",
        b = p(1),
        y = p(2),
        c = p(3),
        category = category_sql(),
        pr = p(4),
        dl = p(5),
        f = p(6),
        t = p(7),
    );
    let (limit, offset) = (p(9), p(10));
    let sql = if search {
        let matches = match backend {
            Backend::Sqlite => {
                "SELECT d.id AS id, bm25(decisions_fts) AS score, \
                d.decided_on AS decided_on \
                FROM decisions_fts JOIN decisions d ON d.id = decisions_fts.rowid \
                WHERE decisions_fts MATCH ?1"
            }
            Backend::Postgres => {
                "SELECT d.id AS id, -ts_rank(d.search, q) AS score, \
                d.decided_on AS decided_on \
                FROM decisions d, to_tsquery('swedish', ?1) q WHERE d.search @@ q"
            }
        };
        // The rank is only known inside the query that matches; the count over the page is
        // taken outside it, on the matches alone.
        format!(
            "WITH matches AS MATERIALIZED ({matches} \
               AND ({confidential} OR d.confidential_reason IS NULL) AND {filters}) \
             SELECT id, COUNT(*) OVER () AS total FROM matches \
             ORDER BY score, decided_on DESC, id DESC LIMIT {limit} OFFSET {offset}",
            confidential = p(8),
        )
    } else {
        format!(
            "SELECT d.id AS id, COUNT(*) OVER () AS total FROM decisions d WHERE {filters} \
             ORDER BY d.decided_on DESC, d.id DESC LIMIT {limit} OFFSET {offset}"
        )
    };
    super::placeholders(backend, &sql)
}

/// The ids of the decisions `filter` finds, in the order shown, and how many it finds in all.
/// `limit` `None`: all of them (the CSV). `confidential_text`: whether a search may match the
/// text of a confidential decision (not for readers).
fn find(
    conn: &mut DbConnection,
    filter: &LogFilter,
    today: NaiveDate,
    confidential_text: bool,
    limit: Option<(i64, i64)>,
) -> QueryResult<(Vec<i64>, i64)> {
    let mut query =
        diesel::sql_query(page_sql(conn.backend(), filter.search.is_some())).into_boxed();
    if let Some(search) = &filter.search {
        query = query.bind::<Text, _>(match conn {
            DbConnection::Sqlite(_) => search.fts5(),
            DbConnection::Pg(_) => search.tsquery(),
        });
    }
    // No limit is the largest one: SQLite reads a negative limit as none, PostgreSQL refuses it.
    let (limit, offset) = limit.unwrap_or((i64::MAX, 0));
    let found: Vec<Found> = query
        .bind::<Nullable<Text>, _>(filter.body.map(Body::as_str))
        .bind::<Nullable<Integer>, _>(filter.year)
        .bind::<Nullable<Text>, _>(filter.category.map(|c| c.as_str()))
        .bind::<Nullable<BigInt>, _>(filter.project)
        .bind::<Nullable<Bool>, _>(filter.delegated)
        .bind::<Nullable<Text>, _>(filter.follow_up.map(|f| f.as_str()))
        .bind::<Date, _>(today)
        .bind::<Bool, _>(confidential_text)
        .bind::<BigInt, _>(limit)
        .bind::<BigInt, _>(offset)
        .load(conn)?;
    let total = found.first().map_or(0, |f| f.total);
    Ok((found.into_iter().map(|f| f.id).collect(), total))
}

/// One page of the log as `filter` asks for it.
pub fn page(
    conn: &mut DbConnection,
    filter: &LogFilter,
    today: NaiveDate,
    confidential_text: bool,
) -> QueryResult<LogPage> {
    let (ids, total) = find(
        conn,
        filter,
        today,
        confidential_text,
        Some((PER_PAGE, filter.offset())),
    )?;
    Ok(LogPage {
        total,
        rows: listed(conn, &ids)?,
    })
}

/// Every decision `filter` finds, in the order of the log (for the CSV).
pub fn all(
    conn: &mut DbConnection,
    filter: &LogFilter,
    today: NaiveDate,
    confidential_text: bool,
) -> QueryResult<Vec<Listed>> {
    let (ids, _) = find(conn, filter, today, confidential_text, None)?;
    listed(conn, &ids)
}

/// The decisions made under delegation in `range`, both days included, in date and number
/// order: the list reported to the board.
pub fn delegated(conn: &mut DbConnection, range: Range) -> QueryResult<Vec<Listed>> {
    let ids: Vec<i64> = decisions_table::table
        .filter(decisions_table::delegated.eq(true))
        .filter(decisions_table::decided_on.between(range.from, range.to))
        .order((
            decisions_table::decided_on,
            decisions_table::year,
            decisions_table::number,
        ))
        .select(decisions_table::id)
        .load(conn)?;
    listed(conn, &ids)
}

/// The decisions `ids` with their projects and names, in the order of `ids`: four statements,
/// whatever their number.
fn listed(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Listed>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<DecisionRow> = decisions_table::table
        .filter(decisions_table::id.eq_any(ids))
        .select(DecisionRow::as_select())
        .load(conn)?;
    let further: Vec<(i64, i64)> = decision_projects::table
        .filter(decision_projects::decision_id.eq_any(ids))
        .order((
            decision_projects::decision_id,
            decision_projects::project_id,
        ))
        .select((
            decision_projects::decision_id,
            decision_projects::project_id,
        ))
        .load(conn)?;
    let project_ids: HashSet<i64> = rows
        .iter()
        .filter_map(|r| r.project_id)
        .chain(further.iter().map(|(_, p)| *p))
        .collect();
    let project_refs: HashMap<i64, ProjectRef> = projects::table
        .filter(projects::id.eq_any(project_ids))
        .select((projects::id, projects::code, projects::name))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, code, name)| (id, ProjectRef { id, code, name }))
        .collect();
    let user_ids: HashSet<i64> = rows
        .iter()
        .flat_map(|r| [r.decided_by, r.follow_up_by, Some(r.recorded_by)])
        .flatten()
        .collect();
    let names: HashMap<i64, String> = users::table
        .filter(users::id.eq_any(user_ids))
        .select((users::id, users::display_name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let mut by_id: HashMap<i64, DecisionRow> = rows.into_iter().map(|r| (r.id, r)).collect();
    Ok(ids
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(|decision| {
            let projects = decision
                .project_id
                .into_iter()
                .chain(
                    further
                        .iter()
                        .filter(|(d, _)| *d == decision.id)
                        .map(|(_, p)| *p),
                )
                .filter_map(|p| project_refs.get(&p).cloned())
                .collect();
            let name = |id: Option<i64>| id.and_then(|id| names.get(&id).cloned());
            Listed {
                projects,
                decided_by: name(decision.decided_by),
                follow_up_by: name(decision.follow_up_by),
                recorded_by: name(Some(decision.recorded_by)),
                decision,
            }
        })
        .collect())
}

/// The meeting and item of the minutes a decision was taken under.
#[derive(Debug, Clone)]
pub struct MeetingRef {
    pub meeting_id: i64,
    pub held_on: NaiveDate,
    pub item_title: String,
}

/// An escalation a decision answers.
#[derive(Debug, Clone)]
pub struct Answered {
    pub project_id: i64,
    pub report_id: i64,
    pub text: String,
}

/// One decision with everything its page shows.
#[derive(Debug, Clone)]
pub struct Detail {
    pub listed: Listed,
    pub meeting: Option<MeetingRef>,
    pub answers: Vec<Answered>,
    pub supersedes: Option<DecisionRow>,
    pub superseded_by: Vec<DecisionRow>,
}

/// The decision `id` and what it refers to; `None` if there is none.
pub fn detail(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Detail>> {
    let Some(listed) = listed(conn, &[id])?.pop() else {
        return Ok(None);
    };
    let meeting = match listed.decision.item_id {
        Some(item) => meeting_items::table
            .inner_join(meetings::table)
            .filter(meeting_items::id.eq(item))
            .select((meetings::id, meetings::held_on, meeting_items::title))
            .first::<(i64, NaiveDate, String)>(conn)
            .optional()?
            .map(|(meeting_id, held_on, item_title)| MeetingRef {
                meeting_id,
                held_on,
                item_title,
            }),
        None => None,
    };
    let answers = escalations::table
        .filter(escalations::answered_by_decision_id.eq(id))
        .order(escalations::id)
        .select((
            escalations::project_id,
            escalations::report_id,
            escalations::text,
        ))
        .load::<(i64, i64, String)>(conn)?
        .into_iter()
        .map(|(project_id, report_id, text)| Answered {
            project_id,
            report_id,
            text,
        })
        .collect();
    let supersedes = match listed.decision.supersedes {
        Some(old) => decisions_table::table
            .find(old)
            .select(DecisionRow::as_select())
            .first(conn)
            .optional()?,
        None => None,
    };
    let superseded_by = decisions_table::table
        .filter(decisions_table::supersedes.eq(id))
        .order(decisions_table::id)
        .select(DecisionRow::as_select())
        .load(conn)?;
    Ok(Some(Detail {
        listed,
        meeting,
        answers,
        supersedes,
        superseded_by,
    }))
}

/// Every project, by code: the choices of the project filter and of the form.
pub fn project_choices(conn: &mut DbConnection) -> QueryResult<Vec<ProjectRef>> {
    Ok(projects::table
        .order(projects::code)
        .select((projects::id, projects::code, projects::name))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, code, name)| ProjectRef { id, code, name })
        .collect())
}

/// The development managers who may decide under delegation: the choices of the form.
pub fn delegates(conn: &mut DbConnection) -> QueryResult<Vec<(String, String)>> {
    let members: Vec<i64> = decisions::members_of(conn, Body::DevelopmentManager, None)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    users::table
        .filter(users::id.eq_any(members))
        .order((users::display_name, users::id))
        .select((users::username, users::display_name))
        .load(conn)
}

/// Records a decision the development manager made under delegation, as `recorded_by` entered
/// it, after every check: the typed decision's own rules (no closure outside a meeting), a date
/// that is not in the future, a decider who is a development manager, a project, a follow-up
/// owner and a superseded decision that exist, and a superseded decision of the same body not
/// already superseded. `Err` with every problem beside its field, and nothing written.
pub fn record_delegated(
    conn: &mut DbConnection,
    form: &TypedDecisionForm,
    today: NaiveDate,
    recorded_by: i64,
) -> QueryResult<Result<DecisionRow, FieldErrors>> {
    let mut errors = FieldErrors::new();
    let decided_on = errors.check(
        "decided_on",
        parse_decided_on(&form.decided_on, today, None),
    );
    let typed = parse_typed(form, false, decided_on)
        .map_err(|e| e.iter().for_each(|e| errors.add(e.field.clone(), e.key)))
        .ok();
    let decided_by = decider(conn, &form.decided_by)?;
    let decided_by = errors.check("decided_by", decided_by);
    let project = errors.check("project", optional_id(&form.project));
    let project = match project.flatten() {
        Some(id) if !exists_project(conn, id)? => {
            errors.add("project", "error-unknown-choice");
            None
        }
        other => other,
    };
    let follow_up_by = errors.check("follow_up_by", follow_up_owner(conn, &form.follow_up_by)?);
    let supersedes = errors.check("supersedes", superseded(conn, &form.supersedes)?);
    let (Some(decided_on), Some(typed), Some(decided_by), Some(follow_up_by), Some(supersedes)) =
        (decided_on, typed, decided_by, follow_up_by, supersedes)
    else {
        return Ok(Err(errors));
    };
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let also: Vec<i64> = Vec::new();
    let row = decisions::record(
        conn,
        &NewDecision {
            body: Body::DevelopmentManager,
            project_id: project,
            decided_on,
            kind: typed.kind,
            text: &typed.text,
            phase_from: None,
            phase_to: None,
            recorded_by,
            meeting_id: None,
            extras: Extras {
                decided_by: Some(decided_by),
                delegated: true,
                item_id: None,
                registry_number: typed.registry_number.as_deref(),
                confidential_reason: typed.confidential_reason.as_deref(),
                follow_up_by,
                follow_up_on: typed.follow_up_on,
                supersedes,
                also_projects: &also,
            },
        },
    )?;
    Ok(Ok(row))
}

/// The development manager named by `username`, who formally decides.
fn decider(conn: &mut DbConnection, username: &str) -> QueryResult<Result<i64, &'static str>> {
    let username = username.trim();
    if username.is_empty() {
        return Ok(Err("error-decisions-choose-decided-by"));
    }
    let Some(user) = super::users::find_by_username(conn, username)? else {
        return Ok(Err("error-decided-by-not-member"));
    };
    let members: Vec<i64> = decisions::members_of(conn, Body::DevelopmentManager, None)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    Ok(check_decided_by(user.id, &members).map(|()| user.id))
}

fn exists_project(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(projects::table.find(id))).get_result(conn)
}

/// Who follows the decision up: an active user, or nobody.
fn follow_up_owner(
    conn: &mut DbConnection,
    username: &str,
) -> QueryResult<Result<Option<i64>, &'static str>> {
    let username = username.trim();
    if username.is_empty() {
        return Ok(Ok(None));
    }
    Ok(match super::users::find_by_username(conn, username)? {
        Some(user) if user.active => Ok(Some(user.id)),
        _ => Err("error-decisions-unknown-user"),
    })
}

/// The decision a new delegated one corrects: one of the development manager's, not superseded
/// yet.
fn superseded(
    conn: &mut DbConnection,
    raw: &str,
) -> QueryResult<Result<Option<i64>, &'static str>> {
    let id = match optional_id(raw) {
        Ok(Some(id)) => id,
        Ok(None) => return Ok(Ok(None)),
        Err(key) => return Ok(Err(key)),
    };
    let Some(old) = decisions_table::table
        .find(id)
        .select(DecisionRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(Err("error-unknown-choice"));
    };
    let already: bool = diesel::select(diesel::dsl::exists(
        decisions_table::table.filter(decisions_table::supersedes.eq(id)),
    ))
    .get_result(conn)?;
    Ok(check_supersedes(
        &Body::DevelopmentManager.numbering_key(None),
        &old.numbering_key,
        already,
    )
    .map(|()| Some(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_category_of_a_phase_change_into_maintenance_is_closure() {
        let sql = category_sql();
        let closure = sql
            .find("WHEN d.kind = 'phase_change' AND d.phase_to = 'maintenance' THEN 'closure'")
            .expect("the special case");
        let phase = sql
            .find("WHEN d.kind = 'phase_change' THEN 'phase'")
            .expect("the general case");
        assert!(closure < phase);
        assert!(sql.contains("WHEN d.kind = 'plan_approved' THEN 'approval'"));
    }

    #[test]
    fn the_search_statement_starts_from_the_index_and_numbers_its_parameters() {
        let search = page_sql(Backend::Sqlite, true);
        assert!(search.contains("FROM decisions_fts JOIN decisions d"));
        assert!(search.contains("MATCH ?1"));
        assert!(search.contains("LIMIT ?10 OFFSET ?11"));
        let plain = page_sql(Backend::Sqlite, false);
        assert!(!plain.contains("decisions_fts"));
        assert!(plain.contains("LIMIT ?9 OFFSET ?10"));
    }

    #[test]
    fn on_postgresql_the_search_reads_the_swedish_index_with_numbered_parameters() {
        let search = page_sql(Backend::Postgres, true);
        assert!(search.contains("to_tsquery('swedish', $1) q WHERE d.search @@ q"));
        assert!(search.contains("LIMIT $10 OFFSET $11"));
        assert!(!search.contains('?'));
        let plain = page_sql(Backend::Postgres, false);
        assert!(!plain.contains("search"));
        assert!(plain.contains("LIMIT $9 OFFSET $10"));
    }
}
