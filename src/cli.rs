//! The command line: `styr [serve]`, `styr migrate`, `styr user add`, `styr backup`,
//! `styr generate`.

use std::io::BufRead;

use clap::{Args, Parser, Subcommand};

use crate::auth::password;
use crate::config::{self, ServeConfig};
use crate::db::{self, Db, users};
use crate::domain::role::Role;
use crate::domain::user::{parse_display_name, parse_new_password, parse_username};

#[derive(Debug, Parser)]
#[command(
    name = "styr",
    version,
    about = "Styr: governance of digitalisation projects"
)]
pub struct Cli {
    /// The database: a SQLite file (created if missing; a path or `sqlite://path`), or a
    /// PostgreSQL database (`postgres://user:password@host:port/name`), which must be reachable.
    #[arg(long, env = "DATABASE_URL", default_value = "styr.db", global = true)]
    pub database: String,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Serving is the default: `styr --demo` is `styr serve --demo`.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve(ServeArgs),
    /// Apply the database migrations and exit (the server also migrates when it starts).
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Write a consistent copy of the database to PATH, also while Styr serves.
    Backup {
        /// The file to write; it must not exist yet.
        path: std::path::PathBuf,
    },
    /// Fill an empty database with a large generated portfolio (users of the demo and leads
    /// `ledare01`…, all with the password `demo`), for trying Styr at scale.
    Generate {
        /// How many projects.
        #[arg(long, default_value_t = 200)]
        projects: usize,
        /// How many months of reports, ending with this month.
        #[arg(long, default_value_t = 12)]
        months: usize,
        /// How many years of decisions in the decision log (about 500 a year), ending today.
        #[arg(long, default_value_t = 0)]
        decision_years: usize,
    },
}

#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, env = "STYR_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Fill an empty database with the demo portfolio and its users (password `demo`).
    #[arg(long)]
    pub demo: bool,
    /// Mark the session cookie `Secure`: set this when Styr is served over TLS.
    #[arg(long, env = "STYR_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// A reverse proxy in front of Styr whose `X-Forwarded-For` names the client (repeat it, or
    /// separate addresses with commas in the variable), for the login limit per address.
    #[arg(
        long = "trusted-proxy",
        env = "STYR_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; the password is read from the first line of standard input.
    Add {
        username: String,
        /// The user's full name.
        #[arg(long)]
        name: String,
        /// administrator, management_group, development_manager, project_lead or reader.
        #[arg(long)]
        role: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Db(#[from] db::DbSetupError),
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("{0}")]
    Invalid(String),
    #[error("the server failed: {0}")]
    Server(#[from] std::io::Error),
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        None => serve(&cli.database, cli.serve),
        Some(Command::Serve(args)) => serve(&cli.database, args),
        Some(Command::Migrate) => {
            let db = Db::open(&cli.database)?;
            db.set_up(|| db.migrate())?;
            println!(
                "The database {} is up to date.",
                db::redacted(&cli.database)
            );
            Ok(())
        }
        Some(Command::Backup { path }) => {
            backup(&cli.database, &path)?;
            println!(
                "The database {} is backed up to {}.",
                cli.database,
                path.display()
            );
            Ok(())
        }
        Some(Command::Generate {
            projects,
            months,
            decision_years,
        }) => {
            let started = std::time::Instant::now();
            let (summary, decisions) = generate(&cli.database, projects, months, decision_years)?;
            println!(
                "Generated {} projects, {} reports, {} escalations and {decisions} decisions in {:.1} s.",
                summary.projects,
                summary.reports,
                summary.escalations,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::User(UserCommand::Add {
            username,
            name,
            role,
        })) => {
            let password = read_password()?;
            add_user(&cli.database, &username, &name, &role, &password)?;
            println!("User {username} added.");
            Ok(())
        }
    }
}

/// Backs up an existing database: never one that `Db::open` would create empty on the way.
pub fn backup(database: &str, path: &std::path::Path) -> Result<(), CliError> {
    if db::Backend::of(database) == db::Backend::Postgres {
        return Err(db::DbSetupError::BackupNotSqlite.into());
    }
    let file = database.strip_prefix("sqlite://").unwrap_or(database);
    if !std::path::Path::new(file).is_file() {
        return Err(CliError::Invalid(format!(
            "there is no database {database} to back up"
        )));
    }
    if path.exists() {
        return Err(CliError::Invalid(format!(
            "{} exists already; choose a new file",
            path.display()
        )));
    }
    let target = path
        .to_str()
        .ok_or_else(|| CliError::Invalid("the backup path must be UTF-8".into()))?;
    Db::open(database)?.backup_to(target)?;
    Ok(())
}

fn serve(database: &str, args: ServeArgs) -> Result<(), CliError> {
    crate::server::bound_malloc();
    crate::init_logging();
    let config = ServeConfig::from_args(database, &args)?;
    crate::serve(config)
}

fn read_password() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Invalid(format!("could not read the password from stdin: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn invalid(what: &str, key: &str) -> CliError {
    CliError::Invalid(format!(
        "{what}: {}",
        crate::i18n::t(Default::default(), key)
    ))
}

/// Adds a user from the command line, with the same rules as the administration pages.
pub fn add_user(
    database: &str,
    username: &str,
    name: &str,
    role: &str,
    password_text: &str,
) -> Result<(), CliError> {
    let username = parse_username(username).map_err(|key| invalid("username", key))?;
    let name = parse_display_name(name).map_err(|key| invalid("--name", key))?;
    let role = Role::parse(role).map_err(|key| invalid("--role", key))?;
    let password_text =
        parse_new_password(password_text, password_text).map_err(|key| invalid("password", key))?;
    let db = Db::open(database)?;
    db.set_up(|| db.migrate())?;
    let mut conn = db.conn()?;
    if users::username_taken(&mut conn, &username).map_err(db::DbSetupError::from)? {
        return Err(CliError::Invalid(format!(
            "the username {username} is taken"
        )));
    }
    users::insert(
        &mut conn,
        &users::NewUserRow {
            username: &username,
            display_name: &name,
            role,
            password_hash: &password::hash(&password_text),
            must_change_password: false,
        },
    )
    .map_err(db::DbSetupError::from)?;
    Ok(())
}

/// Fills the empty database `database` (migrating it first) with a generated portfolio, in one
/// transaction; refuses a database that has any user or project.
pub fn generate(
    database: &str,
    projects: usize,
    months: usize,
    decision_years: usize,
) -> Result<(db::generate::Summary, usize), CliError> {
    if projects == 0 || months == 0 || projects > 100_000 || months > 120 || decision_years > 100 {
        return Err(CliError::Invalid(
            "--projects must be 1 to 100000, --months 1 to 120 and --decision-years 0 to 100"
                .into(),
        ));
    }
    let db = Db::open(database)?;
    db.set_up(|| db.migrate())?;
    let mut conn = db.conn()?;
    if db::generate::has_data(&mut conn).map_err(db::DbSetupError::from)? {
        return Err(CliError::Invalid(format!(
            "the database {} has data already; generate fills only an empty one",
            db::redacted(database)
        )));
    }
    // Hashed once: argon2 is slow on purpose, and every generated user shares the password.
    let hash = password::hash(crate::db::demo::DEMO_PASSWORD);
    let options = db::generate::Options {
        projects,
        months,
        today: crate::web::today(),
    };
    let conn: &mut db::DbConnection = &mut conn;
    let summary = diesel::Connection::transaction(conn, |conn| {
        let summary = db::generate::fill(conn, &hash, options)?;
        let recorder = db::users::find_by_username(conn, "utvecklingschef")?
            .ok_or(diesel::result::Error::NotFound)?;
        let decisions =
            db::generate_decisions::fill(conn, decision_years, options.today, recorder.id)?;
        Ok::<_, diesel::result::Error>((summary, decisions))
    })
    .map_err(db::DbSetupError::from)?;
    Ok(summary)
}
