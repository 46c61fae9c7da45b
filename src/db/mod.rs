//! The one place Styr talks to its database.
//!
//! Every query is written against [`DbConnection`], a `diesel::MultiConnection` over SQLite and
//! PostgreSQL, chosen by the database URL ([`Backend::of`]). Where the two dialects truly differ
//! (raw SQL, full-text search, locks), the difference is a `match` on the connection in this
//! folder, and nowhere else. Queries return `QueryResult`; handlers turn failures into `AppError`.
//! Blocking database work runs on actix's blocking thread pool through [`Db::run`].

pub mod action_items;
pub mod audit;
pub mod closing;
pub mod decision_log;
pub mod decisions;
pub mod demo;
pub mod demo_follow_ups;
pub mod demo_governance;
pub mod demo_meetings;
pub mod demo_reports;
pub mod directives;
pub mod documents;
pub mod escalations;
pub mod follow_ups;
pub mod generate;
pub mod generate_decisions;
pub mod governance;
pub mod login_sessions;
pub mod meetings;
pub mod plans;
pub mod portfolio;
pub mod projects;
pub mod reports;
pub mod rollups;
pub mod schema;
pub mod settings;
pub mod statuses;
pub mod steering;
pub mod throttle;
pub mod units;
pub mod users;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use diesel::connection::{InstrumentationEvent, SimpleConnection};
use diesel::r2d2::{CustomizeConnection, ManageConnection, Pool, PooledConnection, R2D2Connection};
use diesel::{Connection, ExpressionMethods, QueryDsl, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::AppError;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgresql");

/// How many connections the pool holds: as many as can usefully work at once on SQLite (one
/// writer, readers in parallel) on a small server.
pub const POOL_SIZE: u32 = 8;

/// The key of the PostgreSQL advisory lock every write transaction takes (`Db::write`), on every
/// instance: PostgreSQL's twin of SQLite's one writer. Any fixed number would do; this one spells
/// "styr" in ASCII.
const WRITER_LOCK: i64 = 0x7374_7972;
/// The key of the advisory lock held while an instance sets the database up (`Db::set_up`).
const SETUP_LOCK: i64 = 0x7374_7973;

/// The connection every query uses.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

impl DbConnection {
    /// Which database this connection is to.
    pub fn backend(&self) -> Backend {
        match self {
            DbConnection::Sqlite(_) => Backend::Sqlite,
            DbConnection::Pg(_) => Backend::Postgres,
        }
    }
}

/// Which database a URL names: `postgres://` or `postgresql://` is PostgreSQL; anything else (a
/// path, or `sqlite://path`) is a SQLite file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// The URL as it may be shown: without the password of a PostgreSQL URL, whether it is given
/// before the host (`user:password@`) or as a parameter (`?password=`).
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _password)) => format!("{name}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    let path = match path.split_once('?') {
        Some((path, parameters)) => {
            let parameters: Vec<&str> = parameters
                .split('&')
                .map(|p| {
                    if p.starts_with("password=") {
                        "password=***"
                    } else {
                        p
                    }
                })
                .collect();
            format!("{path}?{}", parameters.join("&"))
        }
        None => path.to_owned(),
    };
    format!("{scheme}://{authority}{path}")
}

/// Opens connections of the backend the URL names, and only that one: `DbConnection::establish`
/// would try each backend in turn, and a SQLite file named like a PostgreSQL URL is never meant.
#[derive(Debug)]
pub struct Manager {
    backend: Backend,
    url: String,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        let connection = match self.backend {
            Backend::Sqlite => {
                diesel::SqliteConnection::establish(&self.url).map(DbConnection::Sqlite)
            }
            Backend::Postgres => diesel::PgConnection::establish(&self.url).map(DbConnection::Pg),
        };
        connection.map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// Sets what every SQLite connection needs: write-ahead logging so readers never wait for the
/// writer, enforced foreign keys, and a busy timeout instead of an immediate "database is locked";
/// and counts the statements every connection runs, so that tests can check that a page's queries
/// do not grow with the number of projects.
#[derive(Debug)]
struct OnAcquire {
    statements: Arc<AtomicU64>,
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for OnAcquire {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(sqlite) = conn {
            sqlite
                .batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
        }
        let statements = Arc::clone(&self.statements);
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if matches!(event, InstrumentationEvent::StartQuery { .. }) {
                statements.fetch_add(1, Ordering::Relaxed);
            }
        });
        Ok(())
    }
}

pub type DbPool = Pool<Manager>;
pub type PooledConn = PooledConnection<Manager>;

/// The pool and the way to use it off the async workers.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    backend: Backend,
    /// The writer's turn: one write transaction at a time in this process. SQLite allows one
    /// writer; a transaction that reads and then writes cannot wait for the write lock (SQLite
    /// answers "database is locked" at once when its snapshot went stale), so writers queue here
    /// instead, before they take a connection, and readers are never held up. On PostgreSQL the
    /// writers of all instances also queue on one advisory lock (`WRITER_LOCK`).
    writer: Arc<Mutex<()>>,
    /// Statements run on every connection of the pool since it opened.
    statements: Arc<AtomicU64>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("could not open the database {url}: {source}")]
    Open {
        url: String,
        source: diesel::r2d2::PoolError,
    },
    #[error("could not connect to the PostgreSQL database {url}: {source}")]
    Unreachable {
        url: String,
        source: diesel::ConnectionError,
    },
    #[error("could not get a database connection: {0}")]
    Connection(#[from] diesel::r2d2::PoolError),
    #[error("could not migrate the database: {0}")]
    Migrate(String),
    #[error(
        "`styr backup` copies a SQLite database; back up PostgreSQL with pg_dump (docs/operations.md)"
    )]
    BackupNotSqlite,
    #[error("{0}")]
    Query(#[from] diesel::result::Error),
}

impl Db {
    /// Opens a pool on `url`: a PostgreSQL URL (which must answer now), or a path to a SQLite
    /// file (created if missing).
    pub fn open(url: &str) -> Result<Db, DbSetupError> {
        let backend = Backend::of(url);
        let url = match backend {
            Backend::Sqlite => url.strip_prefix("sqlite://").unwrap_or(url),
            Backend::Postgres => {
                // One attempt first, for a clear error at start: the pool would retry until its
                // timeout and then report only that it timed out.
                diesel::PgConnection::establish(url).map_err(|source| {
                    DbSetupError::Unreachable {
                        url: redacted(url),
                        source,
                    }
                })?;
                url
            }
        };
        let statements = Arc::new(AtomicU64::new(0));
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            .connection_timeout(Duration::from_secs(10))
            .connection_customizer(Box::new(OnAcquire {
                statements: Arc::clone(&statements),
            }))
            .build(Manager {
                backend,
                url: url.to_owned(),
            })
            .map_err(|source| DbSetupError::Open {
                url: redacted(url),
                source,
            })?;
        Ok(Db {
            pool,
            backend,
            writer: Arc::new(Mutex::new(())),
            statements,
        })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies every migration not yet applied. Instances that start together call it inside
    /// [`Db::set_up`].
    pub fn migrate(&self) -> Result<(), DbSetupError> {
        let mut conn = self.pool.get()?;
        match &mut *conn {
            DbConnection::Sqlite(conn) => conn
                .run_pending_migrations(SQLITE_MIGRATIONS)
                .map(|_| ())
                .map_err(|e| DbSetupError::Migrate(e.to_string())),
            DbConnection::Pg(conn) => conn
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|_| ())
                .map_err(|e| DbSetupError::Migrate(e.to_string())),
        }
    }

    /// Runs `setup` (migrating, making the first administrator or the demo) while no other
    /// instance runs its own: on PostgreSQL under an advisory lock held on a connection of its
    /// own, so that instances starting together do it one after the other, and the second finds
    /// it done. On SQLite there is one instance.
    pub fn set_up<T, E>(&self, setup: impl FnOnce() -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbSetupError>,
    {
        if self.backend == Backend::Sqlite {
            return setup();
        }
        let mut held = self.pool.get().map_err(DbSetupError::from)?;
        let DbConnection::Pg(lock) = &mut *held else {
            return setup();
        };
        advisory_lock(lock, "pg_advisory_lock", SETUP_LOCK).map_err(DbSetupError::from)?;
        let done = setup();
        advisory_lock(lock, "pg_advisory_unlock", SETUP_LOCK).map_err(DbSetupError::from)?;
        done
    }

    /// Writes a consistent copy of the whole SQLite database to the new file `path` with
    /// `VACUUM INTO`: one read transaction, so writers that commit meanwhile are either wholly in
    /// the copy or not at all, and Styr may go on serving. PostgreSQL has pg_dump for that.
    pub fn backup_to(&self, path: &str) -> Result<(), DbSetupError> {
        let mut conn = self.pool.get()?;
        let DbConnection::Sqlite(conn) = &mut *conn else {
            return Err(DbSetupError::BackupNotSqlite);
        };
        diesel::sql_query("VACUUM INTO ?")
            .bind::<diesel::sql_types::Text, _>(path)
            .execute(conn)?;
        Ok(())
    }

    /// A connection for work outside a request (the command line, start-up, tests). It may write,
    /// so it starts a new generation of the data, on every instance.
    pub fn conn(&self) -> Result<PooledConn, DbSetupError> {
        let mut conn = self.pool.get()?;
        next_generation(&mut conn)?;
        Ok(conn)
    }

    /// Starts a new generation of the data: what any instance kept from the database is read again.
    pub fn changed(&self) -> Result<(), DbSetupError> {
        self.conn().map(drop)
    }

    /// Runs blocking database work on the blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(AppError::internal)?;
            work(&mut conn)
        })
        .await
        .map_err(AppError::internal)?
    }

    /// Runs `work` as one write transaction on the blocking thread pool, after the writes before
    /// it on every instance: everything it changes is committed together with a new generation of
    /// the data, or nothing when it returns an error.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let writer = Arc::clone(&self.writer);
        actix_web::web::block(move || {
            // A poisoned lock only means an earlier writer panicked; its transaction was rolled
            // back, so the turn can be taken.
            let _turn = writer.lock().unwrap_or_else(PoisonError::into_inner);
            let mut conn = pool.get().map_err(AppError::internal)?;
            let conn: &mut DbConnection = &mut conn;
            conn.transaction(|conn| {
                if let DbConnection::Pg(pg) = conn {
                    // Held until the commit or rollback. Every statement after it reads what the
                    // writers before committed (READ COMMITTED), as SQLite's one writer does.
                    advisory_lock(pg, "pg_advisory_xact_lock", WRITER_LOCK)
                        .map_err(AppError::internal)?;
                }
                let written = work(conn)?;
                next_generation(conn).map_err(AppError::internal)?;
                Ok(written)
            })
        })
        .await
        .map_err(AppError::internal)?
    }

    /// How many SQL statements the pool's connections have run since it opened. A test reads it
    /// before and after a request to count the statements a page makes.
    pub fn statements_run(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Whether the database answers a query on a real table. `SELECT 1` alone would answer even
    /// when the file lost its schema (or was replaced by an empty one).
    pub async fn is_healthy(&self) -> bool {
        self.run(|conn| {
            conn.batch_execute("SELECT 1 FROM users LIMIT 1")
                .map_err(AppError::internal)?;
            Ok(())
        })
        .await
        .is_ok()
    }
}

/// Raw SQL written with SQLite's placeholders (`?`, or `?N` for the Nth parameter) as `conn`'s
/// dialect takes it: PostgreSQL numbers them `$1`, `$2`, … The SQL must have no `?` inside a
/// string literal (Styr's raw SQL has none; its literals are its own constants).
pub fn placeholders(backend: Backend, sql: &str) -> String {
    match backend {
        Backend::Sqlite => sql.to_owned(),
        Backend::Postgres => numbered_placeholders(sql),
    }
}

fn numbered_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '?' {
            out.push(c);
            continue;
        }
        let mut number = String::new();
        while let Some(digit) = chars.next_if(char::is_ascii_digit) {
            number.push(digit);
        }
        if number.is_empty() {
            next += 1;
            number = next.to_string();
        }
        out.push('$');
        out.push_str(&number);
    }
    out
}

/// Takes or releases a PostgreSQL advisory lock by its function's name.
fn advisory_lock(
    conn: &mut diesel::PgConnection,
    function: &str,
    key: i64,
) -> diesel::QueryResult<()> {
    diesel::sql_query(format!("SELECT {function}($1)"))
        .bind::<diesel::sql_types::BigInt, _>(key)
        .execute(conn)
        .map(|_| ())
}

/// The generation of the data: every write moves it on (`Db::write`, `Db::conn`), on whichever
/// instance it is made, so two reads in one generation read the same data. Read it before what is
/// read and kept: a write between the two makes what is kept older than its generation says,
/// never newer, so it is only read again once more than needed.
pub fn data_generation(conn: &mut DbConnection) -> diesel::QueryResult<i64> {
    use schema::data_generation::dsl::{data_generation, value};
    data_generation.select(value).first(conn)
}

/// Starts a new generation of the data.
fn next_generation(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    use schema::data_generation::dsl::{data_generation, value};
    diesel::update(data_generation)
        .set(value.eq(value + 1))
        .execute(conn)
        .map(|_| ())
}

/// Now, in UTC, as stored in timestamp columns.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgresql_placeholders_are_numbered_in_order_or_as_given() {
        assert_eq!(
            numbered_placeholders("UPDATE t SET a = ?, b = ? WHERE id = ?"),
            "UPDATE t SET a = $1, b = $2 WHERE id = $3"
        );
        assert_eq!(
            numbered_placeholders("(?2 IS NULL OR x = ?2) AND y MATCH ?1 LIMIT ?10"),
            "($2 IS NULL OR x = $2) AND y MATCH $1 LIMIT $10"
        );
        assert_eq!(numbered_placeholders("SELECT 1"), "SELECT 1");
    }

    /// The names of the migrations of one dialect, each with its up and down.
    fn migrations_of(dialect: &str) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(dialect);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("the migrations folder")
            .map(|entry| entry.expect("an entry").path())
            .inspect(|path| {
                for file in ["up.sql", "down.sql"] {
                    assert!(path.join(file).is_file(), "{} has {file}", path.display());
                }
            })
            .map(|path| {
                path.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_migration_comes_in_both_dialects() {
        let sqlite = migrations_of("sqlite");
        assert!(sqlite.len() >= 10);
        assert_eq!(sqlite, migrations_of("postgresql"));
    }

    #[test]
    fn the_backend_is_chosen_by_the_url() {
        assert_eq!(Backend::of("postgres://styr@db/styr"), Backend::Postgres);
        assert_eq!(Backend::of("postgresql://db/styr"), Backend::Postgres);
        assert_eq!(Backend::of("styr.db"), Backend::Sqlite);
        assert_eq!(
            Backend::of("sqlite:///var/lib/styr/styr.db"),
            Backend::Sqlite
        );
        assert_eq!(Backend::of("/srv/postgres/styr.db"), Backend::Sqlite);
    }

    #[test]
    fn a_password_in_the_url_is_never_shown() {
        assert_eq!(
            redacted("postgres://styr:hemligt@db.kommun.se:5432/styr"),
            "postgres://styr:***@db.kommun.se:5432/styr"
        );
        assert_eq!(
            redacted("postgres://styr@db/styr"),
            "postgres://styr@db/styr"
        );
        assert_eq!(
            redacted("postgres://styr:h@mligt@db/styr?sslmode=require"),
            "postgres://styr:***@db/styr?sslmode=require"
        );
        assert_eq!(
            redacted("postgres://db/styr?user=styr&password=hemligt&sslmode=require"),
            "postgres://db/styr?user=styr&password=***&sslmode=require"
        );
        assert_eq!(redacted("styr.db"), "styr.db");
    }
}
