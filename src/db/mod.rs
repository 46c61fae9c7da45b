//! The one place Styr talks to its database.
//!
//! Every query is written against [`DbConnection`], a `diesel::MultiConnection` that today has
//! only its SQLite variant; a PostgreSQL variant can be added here behind a cargo feature without
//! touching the queries. Queries return `QueryResult`; handlers turn failures into `AppError`.
//! Blocking database work runs on actix's blocking thread pool through [`Db::run`].

pub mod action_items;
pub mod audit;
pub mod closing;
pub mod decisions;
pub mod demo;
pub mod demo_follow_ups;
pub mod demo_governance;
pub mod demo_reports;
pub mod directives;
pub mod documents;
pub mod escalations;
pub mod follow_ups;
pub mod generate;
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
pub mod units;
pub mod users;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use diesel::connection::{InstrumentationEvent, SimpleConnection};
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::AppError;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// How many connections the pool holds: as many as can usefully work at once on SQLite (one
/// writer, readers in parallel) on a small server.
pub const POOL_SIZE: u32 = 8;

/// The connection every query uses.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(diesel::SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;
pub type PooledConn = PooledConnection<ConnectionManager<DbConnection>>;

/// Sets what every SQLite connection needs: write-ahead logging so readers never wait for the
/// writer, enforced foreign keys, and a busy timeout instead of an immediate "database is locked";
/// and counts the statements it runs, so that tests can check that a page's queries do not grow
/// with the number of projects.
#[derive(Debug)]
struct SqlitePragmas {
    statements: Arc<AtomicU64>,
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
        )
        .map_err(diesel::r2d2::Error::QueryError)?;
        let statements = Arc::clone(&self.statements);
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if matches!(event, InstrumentationEvent::StartQuery { .. }) {
                statements.fetch_add(1, Ordering::Relaxed);
            }
        });
        Ok(())
    }
}

/// The pool and the way to use it off the async workers.
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    /// The writer's turn: one write transaction at a time in this process. SQLite allows one
    /// writer; a transaction that reads and then writes cannot wait for the write lock (SQLite
    /// answers "database is locked" at once when its snapshot went stale), so writers queue here
    /// instead, before they take a connection, and readers are never held up.
    writer: Arc<Mutex<()>>,
    /// Statements run on every connection of the pool since it opened.
    statements: Arc<AtomicU64>,
    /// Moves on with every write this process makes or may make: what is read from the database
    /// and kept (`db::statuses::StatusCache`) is kept for one generation.
    generation: Arc<AtomicU64>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("could not open the database {url}: {source}")]
    Open {
        url: String,
        source: diesel::r2d2::PoolError,
    },
    #[error("could not get a database connection: {0}")]
    Connection(#[from] diesel::r2d2::PoolError),
    #[error("could not migrate the database: {0}")]
    Migrate(String),
    #[error("{0}")]
    Query(#[from] diesel::result::Error),
}

impl Db {
    /// Opens a pool on `url`, a path to a SQLite file (created if missing).
    pub fn open(url: &str) -> Result<Db, DbSetupError> {
        let url = url.strip_prefix("sqlite://").unwrap_or(url);
        let manager = ConnectionManager::<DbConnection>::new(url);
        let statements = Arc::new(AtomicU64::new(0));
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            .connection_timeout(Duration::from_secs(10))
            .connection_customizer(Box::new(SqlitePragmas {
                statements: Arc::clone(&statements),
            }))
            .build(manager)
            .map_err(|source| DbSetupError::Open {
                url: url.to_owned(),
                source,
            })?;
        Ok(Db {
            pool,
            writer: Arc::new(Mutex::new(())),
            statements,
            generation: Arc::new(AtomicU64::new(0)),
        })
    }

    /// Applies every migration not yet applied.
    pub fn migrate(&self) -> Result<(), DbSetupError> {
        let mut conn = self.pool.get()?;
        match &mut *conn {
            DbConnection::Sqlite(conn) => conn
                .run_pending_migrations(SQLITE_MIGRATIONS)
                .map(|_| ())
                .map_err(|e| DbSetupError::Migrate(e.to_string())),
        }
    }

    /// Writes a consistent copy of the whole database to the new file `path` with SQLite's
    /// `VACUUM INTO`: one read transaction, so writers that commit meanwhile are either wholly in
    /// the copy or not at all, and Styr may go on serving.
    pub fn backup_to(&self, path: &str) -> Result<(), DbSetupError> {
        let mut conn = self.pool.get()?;
        diesel::sql_query("VACUUM INTO ?")
            .bind::<diesel::sql_types::Text, _>(path)
            .execute(&mut *conn)?;
        Ok(())
    }

    /// A connection for work outside a request (the command line, start-up, tests). It may write,
    /// so it starts a new generation.
    pub fn conn(&self) -> Result<PooledConn, DbSetupError> {
        self.changed();
        Ok(self.pool.get()?)
    }

    /// The generation of the data: it moves on with every write (`write`, `conn`, `changed`), so
    /// two reads in one generation read the same data.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Starts a new generation: what was kept from the database is read again.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
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
    /// it: everything it changes is committed together, or nothing when it returns an error.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let writer = Arc::clone(&self.writer);
        let generation = Arc::clone(&self.generation);
        actix_web::web::block(move || {
            // A poisoned lock only means an earlier writer panicked; its transaction was rolled
            // back, so the turn can be taken.
            let _turn = writer.lock().unwrap_or_else(PoisonError::into_inner);
            let mut conn = pool.get().map_err(AppError::internal)?;
            let conn: &mut DbConnection = &mut conn;
            let written = conn.transaction(work);
            // After the commit (or the rollback), before the turn passes on: a read that starts
            // after this sees the change, and whatever was kept before it is read again.
            generation.fetch_add(1, Ordering::AcqRel);
            written
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

/// Now, in UTC, as stored in timestamp columns.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
