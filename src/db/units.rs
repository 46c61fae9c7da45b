//! Queries on boards and units.

use diesel::prelude::*;

use super::schema::{boards, units};
use super::{DbConnection, now};

#[derive(Debug, Clone, Queryable)]
pub struct Board {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Queryable)]
pub struct Unit {
    pub id: i64,
    pub name: String,
    pub board_id: i64,
    pub board_name: String,
}

pub fn boards(conn: &mut DbConnection) -> QueryResult<Vec<Board>> {
    boards::table
        .order(boards::name)
        .select((boards::id, boards::name))
        .load(conn)
}

pub fn board(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Board>> {
    boards::table
        .find(id)
        .select((boards::id, boards::name))
        .first(conn)
        .optional()
}

/// Every unit with its board, ordered by board and name.
pub fn units(conn: &mut DbConnection) -> QueryResult<Vec<Unit>> {
    units::table
        .inner_join(boards::table)
        .order((boards::name, units::name))
        .select((units::id, units::name, units::board_id, boards::name))
        .load(conn)
}

pub fn unit(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Unit>> {
    units::table
        .inner_join(boards::table)
        .filter(units::id.eq(id))
        .select((units::id, units::name, units::board_id, boards::name))
        .first(conn)
        .optional()
}

pub fn board_name_taken(
    conn: &mut DbConnection,
    name: &str,
    except: Option<i64>,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        boards::table
            .filter(boards::name.eq(name))
            .filter(boards::id.ne(except.unwrap_or(0))),
    ))
    .get_result(conn)
}

pub fn unit_name_taken(
    conn: &mut DbConnection,
    name: &str,
    except: Option<i64>,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        units::table
            .filter(units::name.eq(name))
            .filter(units::id.ne(except.unwrap_or(0))),
    ))
    .get_result(conn)
}

pub fn insert_board(conn: &mut DbConnection, name: &str) -> QueryResult<i64> {
    diesel::insert_into(boards::table)
        .values((boards::name.eq(name), boards::created_at.eq(now())))
        .execute(conn)?;
    boards::table
        .filter(boards::name.eq(name))
        .select(boards::id)
        .first(conn)
}

pub fn rename_board(conn: &mut DbConnection, id: i64, name: &str) -> QueryResult<usize> {
    diesel::update(boards::table.find(id))
        .set(boards::name.eq(name))
        .execute(conn)
}

pub fn insert_unit(conn: &mut DbConnection, name: &str, board_id: i64) -> QueryResult<i64> {
    diesel::insert_into(units::table)
        .values((
            units::name.eq(name),
            units::board_id.eq(board_id),
            units::created_at.eq(now()),
        ))
        .execute(conn)?;
    units::table
        .filter(units::name.eq(name))
        .select(units::id)
        .first(conn)
}

pub fn update_unit(
    conn: &mut DbConnection,
    id: i64,
    name: &str,
    board_id: i64,
) -> QueryResult<usize> {
    diesel::update(units::table.find(id))
        .set((units::name.eq(name), units::board_id.eq(board_id)))
        .execute(conn)
}

/// Records a change to a board or unit (`entity` "board" or "unit") by `actor`.
pub fn audit_change(
    conn: &mut DbConnection,
    actor: i64,
    entity: &str,
    id: i64,
    before_name: Option<&str>,
    after_name: &str,
    board_id: Option<i64>,
) -> QueryResult<()> {
    #[derive(serde::Serialize)]
    struct Snapshot<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        board_id: Option<i64>,
    }
    let before = before_name.map(|name| Snapshot {
        name,
        board_id: None,
    });
    let after = Snapshot {
        name: after_name,
        board_id,
    };
    super::audit::record(
        conn,
        &super::audit::Change {
            user_id: Some(actor),
            action: if before.is_some() {
                super::audit::Action::Update
            } else {
                super::audit::Action::Create
            },
            entity,
            entity_id: id,
            project_id: None,
            before: before.as_ref(),
            after: Some(&after),
        },
    )
}
