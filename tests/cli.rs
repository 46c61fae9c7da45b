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
