//! Starting Styr: preparing the database (migrations, the first administrator or the demo) and
//! running the HTTP server.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::{HttpServer, web};

use crate::auth::password;
use crate::cli::CliError;
use crate::config::ServeConfig;
use crate::db::{self, Db, DbSetupError, users};
use crate::domain::role::Role;
use crate::domain::user::parse_new_password;
use crate::web::{AppState, SessionSettings};

/// What preparing the database did, for the operator to read.
#[derive(Debug, PartialEq, Eq)]
pub enum Prepared {
    /// The database already had users.
    Ready,
    /// The demo portfolio was added.
    Demo,
    /// The first administrator was made; `generated` holds the password if one was generated.
    FirstAdmin { generated: Option<String> },
}

/// Migrates, then fills an empty database with the demo (when asked) or the first administrator;
/// one instance at a time, so that instances starting together on PostgreSQL make one.
pub fn prepare_database(
    db: &Db,
    demo: bool,
    admin_password: Option<&str>,
) -> Result<Prepared, CliError> {
    db.set_up(|| prepare(db, demo, admin_password))
}

fn prepare(db: &Db, demo: bool, admin_password: Option<&str>) -> Result<Prepared, CliError> {
    db.migrate()?;
    let mut conn = db.conn()?;
    let user_count = users::count(&mut conn).map_err(DbSetupError::from)?;
    if demo {
        if user_count > 0 {
            return Err(CliError::Invalid(
                "--demo fills only an empty database, and this one has data. \
                 Start without --demo, or point --database at a new file."
                    .into(),
            ));
        }
        db::demo::seed(&mut conn, chrono::Local::now().date_naive())?;
        return Ok(Prepared::Demo);
    }
    if user_count > 0 {
        return Ok(Prepared::Ready);
    }
    let (password_text, generated) = match admin_password {
        Some(given) => {
            let given = parse_new_password(given, given).map_err(|_| {
                CliError::Invalid("STYR_ADMIN_PASSWORD must be at least 12 characters".into())
            })?;
            (given, None)
        }
        None => {
            let made = password::random_password();
            (made.clone(), Some(made))
        }
    };
    users::insert(
        &mut conn,
        &users::NewUserRow {
            username: "admin",
            display_name: "Administratör",
            role: Role::Administrator,
            password_hash: &password::hash(&password_text),
            must_change_password: true,
        },
    )
    .map_err(DbSetupError::from)?;
    Ok(Prepared::FirstAdmin { generated })
}

/// How long requests in flight may take to finish once Styr is told to stop.
pub const SHUTDOWN_SECONDS: u64 = 30;

/// Stops the server on SIGTERM or SIGINT, after the requests in flight have been answered (for at
/// most `SHUTDOWN_SECONDS`): it stops taking connections first, waits until no request is being
/// answered, and only then stops the server. actix-server's own handling (2.6) stops its accept
/// thread and its workers at the same moment, and a worker that sees its connections' channel
/// close before its stop message ends at once, dropping the requests it was answering
/// (`tests/instances.rs` caught one in four).
pub async fn stop_on_signal(server: actix_web::dev::ServerHandle, in_flight: crate::web::InFlight) {
    use actix_web::rt::signal::unix::{SignalKind, signal};
    let (Ok(mut terminate), Ok(mut interrupt)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::error!("cannot listen for SIGTERM and SIGINT; stop Styr with SIGKILL");
        return;
    };
    let received =
        futures_util::future::select(Box::pin(terminate.recv()), Box::pin(interrupt.recv())).await;
    let signal = match received {
        futures_util::future::Either::Left(_) => "SIGTERM",
        futures_util::future::Either::Right(_) => "SIGINT",
    };
    server.pause().await;
    tracing::info!(
        signal,
        requests = in_flight.count(),
        "stopping: no new connections, finishing the requests in flight"
    );
    let started = std::time::Instant::now();
    let limit = std::time::Duration::from_secs(SHUTDOWN_SECONDS);
    while in_flight.count() > 0 && started.elapsed() < limit {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    if in_flight.count() > 0 {
        tracing::warn!(
            requests = in_flight.count(),
            "stopping with requests unanswered after {SHUTDOWN_SECONDS} s"
        );
    }
    server.stop(true).await;
}

/// The HTTP server on `listener`, not yet running.
pub fn build_server(
    listener: TcpListener,
    state: web::Data<AppState>,
    session: SessionSettings,
) -> std::io::Result<Server> {
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    Ok(
        HttpServer::new(move || crate::web::app(state.clone(), session.clone()))
            .workers(workers)
            .worker_max_blocking_threads(blocking_threads_per_worker(workers))
            .on_connect(set_nodelay)
            // Signals are Styr's own (`stop_on_signal`); once it stops the server, what is left
            // is idle keep-alive connections, given a moment.
            .disable_signals()
            .shutdown_timeout(1)
            .listen(listener)?
            .run(),
    )
}

/// The blocking threads each worker may start for database work and password hashing: together no
/// more than the pool has connections (a thread beyond that would only wait for one). Every thread
/// that allocates gets its own glibc malloc arena, which grows and is seldom given back: with
/// actix's default of 512 threads shared out over the workers, a server under steady load kept
/// growing (46 to 62 MiB in ten minutes of 16 connections, still rising); with the threads bounded
/// it levels off (docs/benchmarks.md).
fn blocking_threads_per_worker(workers: usize) -> usize {
    (db::POOL_SIZE as usize / workers.max(1)).max(2)
}

/// Turns Nagle's algorithm off on an accepted connection. A compressed page leaves in two writes
/// (the headers, then the body); with Nagle on, the body waits for the client's delayed ACK, about
/// 40 ms on every page of a kept-alive connection.
fn set_nodelay(connection: &dyn std::any::Any, _: &mut actix_web::dev::Extensions) {
    if let Some(stream) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY");
        }
    }
}

/// Serves with malloc's `mmap` threshold fixed at 256 KiB, by starting `styr` again in its own
/// place with the variable set when it is not set yet (glibc reads it only when a process starts,
/// and this crate forbids the `unsafe` a `mallopt` call would need).
///
/// Why: by default the threshold rises to the size of every large block freed (up to 32 MiB), and
/// from then on such blocks come from malloc's heaps, which keep the memory after the requests
/// that needed it. The portfolio is about 1.5 MB of HTML at 1,000 projects; sixteen clients
/// loading it left Styr at 71 MiB resident, and 39 MiB with the threshold fixed
/// (docs/benchmarks.md). Someone who sets the variable (to any value) keeps theirs; where the
/// program cannot be started again, Styr serves as it is and says so.
pub fn bound_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;
        // glibc's variable, and the size Styr serves with.
        const MMAP_THRESHOLD_VARIABLE: &str = "MALLOC_MMAP_THRESHOLD_";
        const MMAP_THRESHOLD_BYTES: &str = "262144";
        if std::env::var_os(MMAP_THRESHOLD_VARIABLE).is_some() {
            return;
        }
        let Ok(program) = std::env::current_exe() else {
            return;
        };
        // `exec` returns only when it failed; the process image is replaced otherwise (same
        // process id, same open descriptors but those Rust opened, which close on exec).
        let error = std::process::Command::new(program)
            .args(std::env::args_os().skip(1))
            .env(MMAP_THRESHOLD_VARIABLE, MMAP_THRESHOLD_BYTES)
            .exec();
        eprintln!("styr: serving without a fixed malloc mmap threshold: {error}");
    }
}

/// `styr serve`.
pub fn serve(config: ServeConfig) -> Result<(), CliError> {
    let db = Db::open(&config.database)?;
    match prepare_database(&db, config.demo, config.admin_password.as_deref())? {
        Prepared::Ready => {}
        Prepared::Demo => println!(
            "Demo portfolio added to {}. Log in as admin, utvecklingschef, projektledare, ledamot or lasare with the password `demo`.",
            db::redacted(&config.database)
        ),
        Prepared::FirstAdmin {
            generated: Some(password),
        } => println!(
            "Created the user `admin` with the password {password} (to be changed at first login)."
        ),
        Prepared::FirstAdmin { generated: None } => println!(
            "Created the user `admin` with the password in STYR_ADMIN_PASSWORD (to be changed at first login)."
        ),
    }
    let listener = TcpListener::bind(&config.bind)?;
    let session = SessionSettings {
        key: config.session_key.clone(),
        secure: config.secure_cookies,
    };
    tracing::info!(address = %config.bind, database = %db::redacted(&config.database), "Styr is listening");
    println!("Styr is serving on http://{}", config.bind);
    actix_web::rt::System::new().block_on(async move {
        let state = AppState::new(db).with_trusted_proxies(config.trusted_proxies);
        let in_flight = state.in_flight.clone();
        let server = build_server(listener, web::Data::new(state), session)?;
        actix_web::rt::spawn(stop_on_signal(server.handle(), in_flight));
        server.await
    })?;
    Ok(())
}
