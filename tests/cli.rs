//! The `styr` command line: migrate, user add, and --demo's refusal of a database with data.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn styr(dir: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(["--database", dir.join("styr.db").to_str().expect("utf-8")])
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("STYR_ADMIN_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("styr starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    child.wait_with_output().expect("styr ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn migrate_then_add_a_user_with_the_password_from_stdin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = styr(dir.path(), &["migrate"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = styr(
        dir.path(),
        &[
            "user",
            "add",
            "sara.lind",
            "--name",
            "Sara Lind",
            "--role",
            "project_lead",
        ],
        "ett långt lösenord\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let db =
        styr::db::Db::open(dir.path().join("styr.db").to_str().expect("utf-8")).expect("opens");
    let mut conn = db.conn().expect("conn");
    let user = styr::db::users::find_by_username(&mut conn, "sara.lind")
        .expect("query")
        .expect("the user was added");
    assert_eq!(user.display_name, "Sara Lind");
    assert_eq!(user.role, "project_lead");
    assert!(styr::auth::password::verify(
        "ett långt lösenord",
        &user.password_hash
    ));

    // The same username again is refused.
    let out = styr(
        dir.path(),
        &[
            "user",
            "add",
            "sara.lind",
            "--name",
            "Sara",
            "--role",
            "reader",
        ],
        "ett annat långt lösenord\n",
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("taken"), "{}", text(&out.stderr));
}

#[test]
fn user_add_refuses_a_short_password_and_an_unknown_role() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = styr(
        dir.path(),
        &["user", "add", "bo", "--name", "Bo", "--role", "reader"],
        "kort\n",
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("12"), "{}", text(&out.stderr));

    let out = styr(
        dir.path(),
        &["user", "add", "bo", "--name", "Bo", "--role", "king"],
        "ett långt lösenord\n",
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--role"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn demo_refuses_a_database_that_has_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = styr(
        dir.path(),
        &["user", "add", "bo", "--name", "Bo", "--role", "reader"],
        "ett långt lösenord\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Port 0: if the refusal failed, the server would start and this test would hang, not pass.
    let out = styr(dir.path(), &["--demo", "--bind", "127.0.0.1:0"], "");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--demo"),
        "{}",
        text(&out.stderr)
    );
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Every table of a database with its rows, each row as its columns quoted by SQLite.
fn every_record(path: &std::path::Path) -> Vec<(String, Vec<String>)> {
    use diesel::RunQueryDsl;
    let db = styr::db::Db::open(path.to_str().expect("utf-8")).expect("opens");
    let mut conn = db.conn().expect("conn");
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .load(&mut *conn)
    .expect("the tables");
    tables
        .into_iter()
        .map(|table| {
            let columns: Vec<Name> = diesel::sql_query(format!(
                "SELECT name FROM pragma_table_info('{}')",
                table.name
            ))
            .load(&mut *conn)
            .expect("the columns");
            let row = columns
                .iter()
                .map(|c| format!("quote(\"{}\")", c.name))
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            let rows: Vec<Name> = diesel::sql_query(format!(
                "SELECT {row} AS name FROM \"{}\" ORDER BY 1",
                table.name
            ))
            .load(&mut *conn)
            .expect("the rows");
            (table.name, rows.into_iter().map(|r| r.name).collect())
        })
        .collect()
}

#[test]
fn a_backup_restores_every_record() {
    use diesel::RunQueryDsl;
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("styr.db");
    let db = styr::db::Db::open(source.to_str().expect("utf-8")).expect("opens");
    styr::server::prepare_database(&db, true, None).expect("the demo is seeded");

    let backup = dir.path().join("backup.db");
    let out = styr(dir.path(), &["backup", backup.to_str().expect("utf-8")], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("backed up"));

    // Restoring is putting the file in place of the database: it opens, migrates and holds the
    // same records, the demo's decisions among them.
    let restored_dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(&backup, restored_dir.path().join("styr.db")).expect("copied");
    let out = styr(restored_dir.path(), &["migrate"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let before = every_record(&source);
    let after = every_record(&restored_dir.path().join("styr.db"));
    assert_eq!(before, after);
    for table in ["users", "projects", "decisions", "directives", "plans"] {
        let rows = before
            .iter()
            .find(|(name, _)| name == table)
            .map(|(_, rows)| rows.len())
            .unwrap_or(0);
        assert!(rows > 0, "the demo has {table}");
    }
    let mut conn = db.conn().expect("conn");
    let count: Count = diesel::sql_query("SELECT count(*) AS n FROM decisions")
        .get_result(&mut *conn)
        .expect("counted");
    assert!(count.n > 0);

    // A backup never overwrites a file, nor backs up a database that is not there.
    let out = styr(dir.path(), &["backup", backup.to_str().expect("utf-8")], "");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("exists already"),
        "{}",
        text(&out.stderr)
    );
    let empty = tempfile::tempdir().expect("temp dir");
    let out = styr(
        empty.path(),
        &["backup", empty.path().join("b.db").to_str().expect("utf-8")],
        "",
    );
    assert!(!out.status.success());
    assert!(!empty.path().join("styr.db").exists());
}

fn count(conn: &mut styr::db::PooledConn, sql: &str) -> i64 {
    use diesel::RunQueryDsl;
    diesel::sql_query(sql)
        .get_result::<Count>(&mut **conn)
        .expect("counted")
        .n
}

#[test]
fn generate_fills_an_empty_database_and_refuses_one_with_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = styr(
        dir.path(),
        &["generate", "--projects", "24", "--months", "6"],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(summary.contains("24 projects"), "{summary}");

    let db =
        styr::db::Db::open(dir.path().join("styr.db").to_str().expect("utf-8")).expect("opens");
    let mut conn = db.conn().expect("conn");
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM projects"), 24);
    // The demo's people, and a lead for every eight projects.
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM users WHERE username LIKE 'ledare%'"
        ),
        3
    );
    let submitted = count(
        &mut conn,
        "SELECT count(*) AS n FROM status_reports WHERE status = 'submitted'",
    );
    assert!(
        summary.contains(&format!("{submitted} reports")),
        "{summary} / {submitted}"
    );
    assert!(submitted > 24, "{submitted}");
    // Six months of reports at most, none after this month, every light that is not green
    // with its comment, and every active project reporting against an approved plan.
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(DISTINCT period) AS n FROM status_reports WHERE period > strftime('%Y-%m', 'now', 'localtime')"
        ),
        0
    );
    assert!(
        count(
            &mut conn,
            "SELECT count(DISTINCT period) AS n FROM status_reports"
        ) <= 6
    );
    assert_eq!(
        count(
            &mut conn,
            "SELECT count(*) AS n FROM status_reports WHERE status = 'submitted' AND \
             ((overall <> 'green' AND overall_comment = '') OR (time_light <> 'green' AND time_comment = '') \
             OR (cost_light <> 'green' AND cost_comment = '') OR plan_id IS NULL)"
        ),
        0
    );
    assert!(count(&mut conn, "SELECT count(*) AS n FROM report_reviews") > 0);
    assert!(count(&mut conn, "SELECT count(*) AS n FROM audit_log") > submitted * 3);
    let user = styr::db::users::find_by_username(&mut conn, "ledare01")
        .expect("query")
        .expect("the lead exists");
    assert!(styr::auth::password::verify("demo", &user.password_hash));
    drop(conn);

    // A database with data is refused, and left as it was.
    let out = styr(
        dir.path(),
        &["generate", "--projects", "2", "--months", "2"],
        "",
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("has data"),
        "{}",
        text(&out.stderr)
    );
    let mut conn = db.conn().expect("conn");
    assert_eq!(count(&mut conn, "SELECT count(*) AS n FROM projects"), 24);
}

#[test]
fn generate_refuses_a_database_with_only_a_user() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = styr(
        dir.path(),
        &["user", "add", "bo", "--name", "Bo", "--role", "reader"],
        "ett långt lösenord\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = styr(
        dir.path(),
        &["generate", "--projects", "3", "--months", "3"],
        "",
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("has data"),
        "{}",
        text(&out.stderr)
    );
    let out = styr(dir.path(), &["generate", "--projects", "0"], "");
    assert!(!out.status.success());
}

/// `styr serve` runs with glibc's malloc `mmap` threshold fixed (server::bound_malloc): the
/// serving process's environment has the variable, though it was started without it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn serve_runs_with_a_fixed_malloc_mmap_threshold() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args([
            "--database",
            dir.path().join("styr.db").to_str().expect("utf-8"),
        ])
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env_remove("DATABASE_URL")
        .env_remove("MALLOC_MMAP_THRESHOLD_")
        .env("STYR_ADMIN_PASSWORD", "ett långt lösenord för testet")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("styr starts");
    let stdout = child.stdout.take().expect("stdout");
    let serving = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.starts_with("Styr is serving"));
    let environ = std::fs::read(format!("/proc/{}/environ", child.id())).unwrap_or_default();
    child.kill().expect("styr stops");
    child.wait().expect("styr ends");
    assert!(serving, "styr served");
    let variables: Vec<&[u8]> = environ.split(|b| *b == 0).collect();
    assert!(
        variables.contains(&b"MALLOC_MMAP_THRESHOLD_=262144".as_slice()),
        "{}",
        text(&environ)
    );
}

/// `styr` with `args` only, no database flag, in `dir`.
fn styr_with_env(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_styr"))
        .current_dir(dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("STYR_SESSION_KEY")
        .envs(env.iter().copied())
        .output()
        .expect("styr runs")
}

#[test]
fn a_postgresql_url_that_answers_nothing_is_an_error_not_a_sqlite_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Port 1 on loopback: nothing listens there.
    let url = "postgres://styr:hemligt@127.0.0.1:1/styr";
    let out = styr_with_env(dir.path(), &["migrate"], &[("DATABASE_URL", url)]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "could not connect to the PostgreSQL database postgres://styr:***@127.0.0.1:1/styr"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("hemligt"), "the password is never shown");
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("listed").count(),
        0,
        "no file was made"
    );
}

#[test]
fn serving_on_postgresql_needs_the_session_key_from_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = "postgresql://styr@127.0.0.1:1/styr";
    let out = styr_with_env(dir.path(), &["serve"], &[("DATABASE_URL", url)]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("STYR_SESSION_KEY is required with PostgreSQL"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("listed").count(), 0);
}

#[test]
fn backup_names_pg_dump_for_a_postgresql_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = "postgres://styr@127.0.0.1:1/styr";
    let out = styr_with_env(dir.path(), &["backup", "copy.db"], &[("DATABASE_URL", url)]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("pg_dump"),
        "{}",
        text(&out.stderr)
    );
}
