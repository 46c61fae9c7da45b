//! What the tests that run on a PostgreSQL server share: its databases by name, statements on
//! its `postgres` database, and dropping a test's database at the end. Included by
//! `tests/http/helpers.rs` and `tests/instances.rs` with `#[path]`.

use diesel::{Connection, PgConnection, RunQueryDsl};

/// `server` (a URL ending in `/postgres`) with its database named `name`.
pub fn url_of(server: &str, name: &str) -> String {
    let (base, _) = server.rsplit_once('/').expect("a URL with a database");
    format!("{base}/{name}")
}

/// Runs `sql` on the server's own database; a failure fails the test.
pub fn execute(server: &str, sql: &str) {
    let mut conn = PgConnection::establish(server).expect("the test server answers");
    diesel::sql_query(sql)
        .execute(&mut conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Drops the database `name`, ending its connections; quietly, since it runs as a test ends.
pub fn drop_database(server: &str, name: &str) {
    if let Ok(mut conn) = PgConnection::establish(server) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn);
    }
}
