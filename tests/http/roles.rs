//! Who may open what, every table in one place: every route for every role; every governance
//! route for every role and every relation to a project; the directive and plan routes for
//! versions in every status.

use reqwest::StatusCode;

use crate::access::{A, Expect, F, L, classify, outcome};
use crate::helpers::*;

/// The columns of the table; "anonymous" is a visitor who has not logged in.
const ROLES: [&str; 6] = [
    "anonymous",
    "admin",
    "utvecklingschef",
    "projektledare",
    "ledamot",
    "lasare",
];

/// Every route, with placeholders: `{project}` is DIG-2025-003, which projektledare does not lead;
/// `{own_project}` is DIG-2025-002, which projektledare leads; `{user}` is lasare; `{unit}` is
/// Äldreenheten; `{board}` is Socialnämnden.
#[rustfmt::skip]
const ROUTES: &[(&str, &str, [Expect; 6])] = &[
    //                                          anon admin utv  pl  ledamot lasare
    ("GET",  "/projects",                        [L, A, A, A, A, A]),
    ("GET",  "/projects/new",                    [L, A, A, A, A, F]),
    ("POST", "/projects",                        [L, A, A, A, A, F]),
    ("GET",  "/projects/{project}",              [L, A, A, A, A, A]),
    ("GET",  "/projects/{project}/edit",         [L, A, A, F, F, F]),
    ("POST", "/projects/{project}/edit",         [L, A, A, F, F, F]),
    ("GET",  "/projects/{own_project}/edit",     [L, A, A, A, F, F]),
    ("POST", "/projects/{own_project}/edit",     [L, A, A, A, F, F]),
    ("GET",  "/admin/users",                     [L, A, F, F, F, F]),
    ("GET",  "/admin/users/new",                 [L, A, F, F, F, F]),
    ("POST", "/admin/users",                     [L, A, F, F, F, F]),
    ("GET",  "/admin/users/{user}",              [L, A, F, F, F, F]),
    ("POST", "/admin/users/{user}",              [L, A, F, F, F, F]),
    ("POST", "/admin/users/{user}/password",     [L, A, F, F, F, F]),
    ("GET",  "/admin/units",                     [L, A, F, F, F, F]),
    ("GET",  "/admin/units/new",                 [L, A, F, F, F, F]),
    ("POST", "/admin/units",                     [L, A, F, F, F, F]),
    ("GET",  "/admin/units/{unit}",              [L, A, F, F, F, F]),
    ("POST", "/admin/units/{unit}",              [L, A, F, F, F, F]),
    ("GET",  "/admin/boards/new",                [L, A, F, F, F, F]),
    ("POST", "/admin/boards",                    [L, A, F, F, F, F]),
    ("GET",  "/admin/boards/{board}",            [L, A, F, F, F, F]),
    ("POST", "/admin/boards/{board}",            [L, A, F, F, F, F]),
    ("GET",  "/account",                         [L, A, A, A, A, A]),
    ("GET",  "/account/password",                [L, A, A, A, A, A]),
    ("GET",  "/",                                [L, A, A, A, A, A]),
    ("GET",  "/portfolio",                       [L, A, A, A, A, A]),
    ("GET",  "/portfolio.csv",                   [L, A, A, A, A, A]),
    ("GET",  "/portfolio/heatmap",               [L, A, A, A, A, A]),
    ("GET",  "/portfolio/budget",                [L, A, A, A, A, A]),
    ("GET",  "/reports.csv?period={period}",     [L, A, A, A, A, A]),
    ("GET",  "/escalations",                     [L, A, A, A, A, A]),
    ("GET",  "/escalations.csv",                 [L, A, A, A, A, A]),
    ("GET",  "/rollups",                         [L, A, A, A, A, A]),
    ("POST", "/rollups",                         [L, F, A, F, F, F]),
    ("GET",  "/rollups/{rollup}",                [L, A, A, A, A, A]),
    // meetings and minutes (a meeting's own routes are in meetings_rules.rs)
    ("GET",  "/meetings",                        [L, A, A, A, A, A]),
    ("POST", "/meetings",                        [L, A, F, F, A, F]),
    ("GET",  "/admin/sections",                  [L, A, F, F, F, F]),
    ("POST", "/admin/sections",                  [L, A, F, F, F, F]),
    // action items and the monthly follow-up: {action_item} is Karin Holm's, a management group
    // member who is none of the columns
    ("GET",  "/action-items",                    [L, A, A, A, A, A]),
    ("GET",  "/action-items?by=owner",           [L, A, A, F, A, F]),
    ("GET",  "/action-items?by=meeting",         [L, A, A, F, A, F]),
    ("GET",  "/action-items/{action_item}",      [L, A, A, F, A, F]),
    ("POST", "/action-items/{action_item}",      [L, A, F, F, A, F]),
    ("GET",  "/follow-up",                       [L, A, A, A, A, A]),
    ("POST", "/follow-up",                       [L, A, A, F, A, F]),
];

/// A new browser that opens a connection for every request. An anonymous post is answered with a
/// redirect before its body is read, and actix then closes the connection without saying so; a
/// pooling client may race to send the next request on it.
fn unpooled_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .build()
        .expect("a client")
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_policy_says() {
    let mut app = spawn_app().await;
    let unit_id = app.with_db(|conn| {
        styr::db::units::units(conn)
            .expect("the units load")
            .into_iter()
            .find(|u| u.name == "Äldreenheten")
            .map(|u| u.id)
            .expect("the unit exists")
    });
    let board_id = app.with_db(|conn| {
        styr::db::units::boards(conn)
            .expect("the boards load")
            .into_iter()
            .find(|b| b.name == "Socialnämnden")
            .map(|b| b.id)
            .expect("the board exists")
    });
    // The demo's roll-up, and a period that has reports.
    let (rollup, period) = app.with_db(|conn| {
        let issued = styr::db::rollups::list(conn).expect("the roll-ups load");
        let first = issued.first().expect("the demo issued a roll-up");
        (first.id, first.period.clone())
    });
    let action_item =
        crate::action_items::create_item(&app, "Rapportera läget", 7, &["karin.holm"], None);
    let ids = [
        ("{action_item}", action_item),
        ("{rollup}", rollup),
        ("{project}", app.project_id("DIG-2025-003")),
        ("{own_project}", app.project_id("DIG-2025-002")),
        ("{user}", app.user_id("lasare")),
        ("{unit}", unit_id),
        ("{board}", board_id),
    ];
    let path_of = |template: &str| {
        ids.iter()
            .fold(template.to_owned(), |path, (name, id)| {
                path.replace(name, &id.to_string())
            })
            .replace("{period}", &period)
    };
    let projects_before = app.with_db(|conn| {
        styr::db::projects::register(conn, &Default::default())
            .expect("the register loads")
            .len()
    });
    let users_before = app.with_db(|conn| styr::db::users::count(conn).expect("a count"));

    let mut mismatches: Vec<[String; 5]> = Vec::new();
    for (column, role) in ROLES.iter().enumerate() {
        app.client = unpooled_client();
        if *role != "anonymous" {
            app.login_as(role).await;
        }
        for (method, template, expected) in ROUTES {
            let path = path_of(template);
            // An empty form with the session's token: refused as invalid wherever it is allowed,
            // so the table changes no data.
            let page = match *method {
                "GET" => app.get(&path).await,
                _ => app.post(&path, &[]).await,
            };
            let expected = expected[column];
            let got = outcome(method, &page);
            if got != Ok(expected) {
                mismatches.push([
                    (*role).to_owned(),
                    (*method).to_owned(),
                    (*template).to_owned(),
                    format!("{expected:?}"),
                    match got {
                        Ok(got) => format!("{got:?} ({})", page.status.as_u16()),
                        Err(answer) => format!("unexpected: {answer}"),
                    },
                ]);
            }
        }
    }

    if !mismatches.is_empty() {
        panic!(
            "{} of {} answers differ from the policy:\n{}",
            mismatches.len(),
            ROLES.len() * ROUTES.len(),
            mismatch_table("role", &mismatches)
        );
    }

    // The allowed posts were all refused as invalid: nothing was created.
    let projects_after = app.with_db(|conn| {
        styr::db::projects::register(conn, &Default::default())
            .expect("the register loads")
            .len()
    });
    assert_eq!(projects_after, projects_before);
    assert_eq!(
        app.with_db(|conn| styr::db::users::count(conn).expect("a count")),
        users_before
    );
}

/// The mismatches as an aligned table, under a header whose first column is `who`.
fn mismatch_table(who: &str, mismatches: &[[String; 5]]) -> String {
    let header = [who, "method", "route", "expected", "got"].map(str::to_owned);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in mismatches {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |row: &[String; 5]| {
        row.iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let mut table = vec![line(&header)];
    table.extend(mismatches.iter().map(line));
    table.join("\n")
}

// ----- governance -----

/// The columns of the governance table: a column's name, and the demo user in it. The last five
/// stand in that relation to every project the routes below are on (`arrange` makes it so), and
/// in no other: the lead and the other lead are both project leads, and the chair, the member and
/// the commissioner are management group members like `ledamot`, so each differs from its
/// neighbour only in the relation.
const PEOPLE: [(&str, &str); 10] = [
    ("anonymous", "anonymous"),
    ("admin", "admin"),
    ("utvecklingschef", "utvecklingschef"),
    ("ledamot", "ledamot"),
    ("lasare", "lasare"),
    ("lead", "projektledare"),
    ("other lead", "projektledare2"),
    ("chair", "lars.dahl"),
    ("member", "karin.holm"),
    ("commissioner", "sofia.ahmed"),
];

/// The project's lead, its steering group's chair and plain member, and its commissioner.
const LEAD: &str = PEOPLE[5].1;
const CHAIR: &str = PEOPLE[7].1;
const MEMBER: &str = PEOPLE[8].1;
const COMMISSIONER: &str = PEOPLE[9].1;

/// A co-opted member of `{p}`'s steering group whom the removal route removes, and who is put
/// back after each removal. Not a column: he has no other relation to the projects.
const REMOVED: &str = "peter.wallin";

/// Every governance route, with placeholders for projects whose state makes the route reachable:
///
/// - `{p}` is DIG-2025-004, in planning: `{p_directive}` its project directive, approved and
///   decided by the management group (its frame is above the threshold); `{p_plan}` its plan,
///   submitted to the steering group; `{member}` the steering group membership of `REMOVED`.
/// - `{c}` is DIG-2026-007, an idea: `{c_directive}` its draft project directive, incomplete (so
///   it cannot be submitted) and, as it stands, decided by the development manager.
/// - `{d}` is DIG-2026-010, in planning: `{d_plan}` its draft plan.
/// - `{e}` is DIG-2026-006, closing: its closing report is drafted and may still be edited.
///
/// Allowed means a GET answers 200 and a POST of an empty form 422, or 409 where the version's
/// status refuses the step (approving an approved directive, revising a draft) or the empty lock
/// version does not match (saving a draft, the closing report): the permission is checked before
/// either, and nothing is saved. The one exception is the removal of a member, which an empty
/// form does not stop: allowed, it removes `REMOVED` and redirects to the steering group (303).
#[rustfmt::skip]
const GOVERNANCE_ROUTES: &[(&str, &str, [Expect; 10])] = &[
    //                                                           anon admin utv led las lead oth chair mem comm
    ("GET",  "/projects/{p}",                                     [L, A, A, A, A, A, A, A, A, A]),
    ("POST", "/projects/{p}/phase",                               [L, F, A, A, F, F, F, A, A, A]),
    ("GET",  "/projects/{p}/steering-group",                      [L, A, A, A, A, A, A, A, A, A]),
    ("POST", "/projects/{p}/steering-group",                      [L, A, A, F, F, F, F, F, F, A]),
    ("POST", "/projects/{p}/steering-group/{member}/remove",      [L, A, A, F, F, F, F, F, F, A]),
    ("POST", "/projects/{p}/steering-group/meetings",             [L, F, A, F, F, F, F, A, F, F]),
    ("GET",  "/projects/{e}/closing-report",                      [L, A, A, A, A, A, A, A, A, A]),
    ("POST", "/projects/{e}/closing-report",                      [L, F, A, F, F, A, F, F, F, F]),
    ("GET",  "/projects/{p}/directive",                           [L, A, A, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{c}/directive/new?kind=project",          [L, A, A, F, F, F, F, F, F, A]),
    ("POST", "/projects/{c}/directive",                           [L, A, A, F, F, F, F, F, F, A]),
    ("GET",  "/projects/{p}/directive/{p_directive}",             [L, A, A, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{c}/directive/{c_directive}/edit",        [L, A, A, F, F, F, F, F, F, A]),
    ("POST", "/projects/{c}/directive/{c_directive}/edit",        [L, A, A, F, F, F, F, F, F, A]),
    ("POST", "/projects/{c}/directive/{c_directive}/submit",      [L, A, A, F, F, F, F, F, F, A]),
    ("POST", "/projects/{p}/directive/{p_directive}/approve",     [L, F, F, A, F, F, F, A, A, A]),
    ("POST", "/projects/{p}/directive/{p_directive}/return",      [L, F, F, A, F, F, F, A, A, A]),
    ("POST", "/projects/{c}/directive/{c_directive}/approve",     [L, F, A, F, F, F, F, F, F, F]),
    ("POST", "/projects/{c}/directive/{c_directive}/return",      [L, F, A, F, F, F, F, F, F, F]),
    ("POST", "/projects/{c}/directive/{c_directive}/revise",      [L, A, A, F, F, F, F, F, F, A]),
    ("GET",  "/projects/{p}/directive/compare",                   [L, A, A, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{p}/directive/compare?from={p_directive}&to={p_directive}",
                                                                  [L, A, A, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{p}/plan",                                [L, A, A, A, A, A, A, A, A, A]),
    ("POST", "/projects/{p}/plan",                                [L, F, A, F, F, A, F, F, F, F]),
    ("GET",  "/projects/{p}/plan/{p_plan}",                       [L, A, A, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{d}/plan/{d_plan}/edit",                  [L, F, A, F, F, A, F, F, F, F]),
    ("POST", "/projects/{d}/plan/{d_plan}/edit",                  [L, F, A, F, F, A, F, F, F, F]),
    ("POST", "/projects/{p}/plan/{p_plan}/submit",                [L, F, A, F, F, A, F, F, F, F]),
    ("POST", "/projects/{p}/plan/{p_plan}/approve",               [L, F, A, F, F, F, F, A, F, F]),
    ("POST", "/projects/{p}/plan/{p_plan}/return",                [L, F, A, F, F, F, F, A, F, F]),
    ("POST", "/projects/{p}/plan/{p_plan}/revise",                [L, F, A, F, F, A, F, F, F, F]),
    ("GET",  "/projects/{p}/plan/compare?from={p_plan}&to={p_plan}",
                                                                  [L, A, A, A, A, A, A, A, A, A]),
    ("GET",  "/audit",                                            [L, A, A, F, F, F, F, F, F, F]),
    ("GET",  "/audit?project={p}",                                [L, A, A, F, F, F, F, F, F, F]),
    ("GET",  "/admin/settings",                                   [L, A, F, F, F, F, F, F, F, F]),
    ("POST", "/admin/settings",                                   [L, A, F, F, F, F, F, F, F, F]),
    ("POST", "/admin/settings/sessions",                          [L, A, F, F, F, F, F, F, F, F]),
    ("POST", "/admin/settings/reports",                           [L, A, F, F, F, F, F, F, F, F]),
];

/// Makes the columns' relations true of the project `code`, and no others: `LEAD` leads it,
/// `COMMISSIONER` commissioned it, and its steering group is `CHAIR` and `MEMBER` alone.
fn arrange(app: &TestApp, code: &str) -> i64 {
    use diesel::prelude::*;
    use styr::db::schema::{projects, steering_group_members as members};
    use styr::domain::steering::SteeringRole;

    let id = app.project_id(code);
    let [lead, commissioner, chair, member] =
        [LEAD, COMMISSIONER, CHAIR, MEMBER].map(|username| app.user_id(username));
    app.with_db(|conn| {
        diesel::update(projects::table.find(id))
            .set((
                projects::project_lead_id.eq(lead),
                projects::commissioner_id.eq(commissioner),
            ))
            .execute(conn)
            .expect("the lead and the commissioner are set");
        diesel::delete(members::table.filter(members::project_id.eq(id)))
            .execute(conn)
            .expect("the steering group is emptied");
        styr::db::steering::add(conn, id, chair, SteeringRole::Chair).expect("the chair is added");
        styr::db::steering::add(conn, id, member, SteeringRole::Member)
            .expect("the member is added");
    });
    id
}

/// The id of `user_id`'s membership of the steering group of `project`, if a member.
fn membership(app: &TestApp, project: i64, user_id: i64) -> Option<i64> {
    use diesel::prelude::*;
    use styr::db::schema::steering_group_members as members;

    app.with_db(|conn| {
        members::table
            .filter(members::project_id.eq(project))
            .filter(members::user_id.eq(user_id))
            .select(members::id)
            .first(conn)
            .optional()
            .expect("the query runs")
    })
}

/// What the governance routes could change, as stored: the number of rows of each table, and the
/// status and lock version of every row that has them.
#[derive(Debug, PartialEq)]
struct Stored {
    counts: Vec<(&'static str, i64)>,
    directives: Vec<(i64, String, i64)>,
    plans: Vec<(i64, String, i64)>,
    closing_reports: Vec<(i64, i64)>,
    projects: Vec<(i64, String, i64)>,
    steering_groups: Vec<(i64, i64, String)>,
    settings: Vec<(String, String)>,
}

fn stored(app: &TestApp) -> Stored {
    use diesel::prelude::*;
    use styr::db::schema::{
        closing_reports, decisions, directives, plans, projects, settings, steering_group_members,
        steering_meetings,
    };

    app.with_db(|conn| {
        let counts = vec![
            ("decisions", decisions::table.count().get_result(conn)),
            ("directives", directives::table.count().get_result(conn)),
            ("plans", plans::table.count().get_result(conn)),
            (
                "closing_reports",
                closing_reports::table.count().get_result(conn),
            ),
            (
                "steering_meetings",
                steering_meetings::table.count().get_result(conn),
            ),
            (
                "steering_group_members",
                steering_group_members::table.count().get_result(conn),
            ),
        ]
        .into_iter()
        .map(|(table, count)| (table, count.expect("a count")))
        .collect();
        Stored {
            counts,
            directives: directives::table
                .order(directives::id)
                .select((directives::id, directives::status, directives::lock_version))
                .load(conn)
                .expect("the directives load"),
            plans: plans::table
                .order(plans::id)
                .select((plans::id, plans::status, plans::lock_version))
                .load(conn)
                .expect("the plans load"),
            closing_reports: closing_reports::table
                .order(closing_reports::id)
                .select((closing_reports::id, closing_reports::lock_version))
                .load(conn)
                .expect("the closing reports load"),
            projects: projects::table
                .order(projects::id)
                .select((projects::id, projects::phase, projects::lock_version))
                .load(conn)
                .expect("the projects load"),
            // Without the membership's id: a member removed and put back is the same member.
            steering_groups: steering_group_members::table
                .order((
                    steering_group_members::project_id,
                    steering_group_members::user_id,
                ))
                .select((
                    steering_group_members::project_id,
                    steering_group_members::user_id,
                    steering_group_members::role,
                ))
                .load(conn)
                .expect("the steering groups load"),
            settings: settings::table
                .order(settings::key)
                .select((settings::key, settings::value))
                .load(conn)
                .expect("the settings load"),
        }
    })
}

/// The audit trail's entries after the entry `after`, as (action, entity).
fn audit_since(app: &TestApp, after: i64) -> Vec<(String, String)> {
    use diesel::prelude::*;
    use styr::db::schema::audit_log;

    app.with_db(|conn| {
        audit_log::table
            .filter(audit_log::id.gt(after))
            .order(audit_log::id)
            .select((audit_log::action, audit_log::entity))
            .load(conn)
            .expect("the audit trail loads")
    })
}

fn last_audit_id(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use styr::db::schema::audit_log;

    app.with_db(|conn| {
        audit_log::table
            .select(diesel::dsl::max(audit_log::id))
            .first::<Option<i64>>(conn)
            .expect("the query runs")
            .unwrap_or(0)
    })
}

/// The id, status and (for directives) approving body of the one directive or plan of a project.
fn only_version(app: &TestApp, project: i64, plan: bool) -> (i64, String, Option<String>) {
    use diesel::prelude::*;
    use styr::db::schema::{directives, plans};

    app.with_db(|conn| {
        let rows: Vec<(i64, String, Option<String>)> = if plan {
            plans::table
                .filter(plans::project_id.eq(project))
                .select((plans::id, plans::status))
                .load::<(i64, String)>(conn)
                .map(|rows| rows.into_iter().map(|(id, s)| (id, s, None)).collect())
        } else {
            directives::table
                .filter(directives::project_id.eq(project))
                .select((
                    directives::id,
                    directives::status,
                    directives::approving_body,
                ))
                .load(conn)
        }
        .expect("the versions load");
        assert_eq!(rows.len(), 1, "project {project} has one version");
        rows.into_iter().next().expect("one version")
    })
}

#[tokio::test]
async fn every_governance_route_answers_every_relation_as_the_policy_says() {
    let mut app = spawn_app().await;
    let p = arrange(&app, "DIG-2025-004");
    let c = arrange(&app, "DIG-2026-007");
    let d = arrange(&app, "DIG-2026-010");
    let e = arrange(&app, "DIG-2026-006");
    let removed = app.user_id(REMOVED);
    let put_back = |app: &TestApp| {
        app.with_db(|conn| {
            styr::db::steering::add(
                conn,
                p,
                removed,
                styr::domain::steering::SteeringRole::CoOpted,
            )
            .expect("the member is added")
        })
    };
    put_back(&app);

    // The state each route is meant to find.
    let (p_directive, status, body) = only_version(&app, p, false);
    assert_eq!(
        (status.as_str(), body.as_deref()),
        ("approved", Some("management_group"))
    );
    let (p_plan, status, _) = only_version(&app, p, true);
    assert_eq!(status, "submitted");
    let (c_directive, status, _) = only_version(&app, c, false);
    assert_eq!(status, "draft");
    let (d_plan, status, _) = only_version(&app, d, true);
    assert_eq!(status, "draft");
    let report = app.with_db(|conn| styr::db::closing::find(conn, e).expect("the query runs"));
    assert!(report.is_some(), "the closing report is drafted");
    let phase = app.with_db(|conn| styr::db::projects::row(conn, e).expect("the query runs"));
    assert_eq!(phase.map(|row| row.phase).as_deref(), Some("closing"));

    let ids = [
        ("{p_directive}", p_directive),
        ("{p_plan}", p_plan),
        ("{c_directive}", c_directive),
        ("{d_plan}", d_plan),
        ("{p}", p),
        ("{c}", c),
        ("{d}", d),
        ("{e}", e),
    ];
    let path_of = |template: &str| {
        ids.iter().fold(template.to_owned(), |path, (name, id)| {
            path.replace(name, &id.to_string())
        })
    };
    let steering_group = format!("/projects/{p}/steering-group?saved=1");
    let before = stored(&app);
    let last_audit = last_audit_id(&app);

    let mut mismatches: Vec<[String; 5]> = Vec::new();
    let mut removals = 0;
    for (column, (relation, username)) in PEOPLE.iter().enumerate() {
        app.client = unpooled_client();
        if *username != "anonymous" {
            app.login_as(username).await;
        }
        let who = if relation == username {
            (*username).to_owned()
        } else {
            format!("{relation} ({username})")
        };
        for (method, template, expected) in GOVERNANCE_ROUTES {
            let removes = template.contains("{member}");
            let mut path = path_of(template);
            if removes {
                let member = membership(&app, p, removed).expect("the member is in the group");
                path = path.replace("{member}", &member.to_string());
            }
            // An empty form with the session's token: refused wherever it is allowed (but for the
            // removal), so the table changes no data.
            let page = match *method {
                "GET" => app.get(&path).await,
                _ => app.post(&path, &[]).await,
            };
            let got = if removes {
                let allowed = page.status == StatusCode::SEE_OTHER
                    && page.location.as_deref() == Some(steering_group.as_str());
                classify(allowed, &page)
            } else {
                outcome(method, &page)
            };
            let expected = expected[column];
            let mut got = match got {
                Ok(got) if got == expected => None,
                Ok(got) => Some(format!("{got:?} ({})", page.status.as_u16())),
                Err(answer) => Some(format!("unexpected: {answer}")),
            };
            if removes {
                // The removal happened exactly when it was answered as done.
                let gone = membership(&app, p, removed).is_none();
                if gone {
                    removals += 1;
                    put_back(&app);
                }
                let answered_done = page.status == StatusCode::SEE_OTHER
                    && page.location.as_deref() == Some(steering_group.as_str());
                if gone != answered_done {
                    let what = if gone { "removed" } else { "kept" };
                    got = Some(format!(
                        "{} {} and the member {what}",
                        page.status.as_u16(),
                        page.location.as_deref().unwrap_or("")
                    ));
                }
            }
            if let Some(got) = got {
                mismatches.push([
                    who.clone(),
                    (*method).to_owned(),
                    (*template).to_owned(),
                    format!("{expected:?}"),
                    got,
                ]);
            }
        }
    }

    if !mismatches.is_empty() {
        panic!(
            "{} of {} answers differ from the policy:\n{}",
            mismatches.len(),
            PEOPLE.len() * GOVERNANCE_ROUTES.len(),
            mismatch_table("user", &mismatches)
        );
    }

    // Nothing was saved but the removals (each member put back): no decision, directive, plan,
    // closing report or meeting more, none in another status or version, no project in another
    // phase, the same steering groups and settings; and in the audit trail only the removals.
    let allowed_removals = GOVERNANCE_ROUTES
        .iter()
        .filter(|(_, template, _)| template.contains("{member}"))
        .flat_map(|(_, _, expected)| expected.iter())
        .filter(|expected| **expected == Expect::Allowed)
        .count();
    assert_eq!(removals, allowed_removals);
    assert_eq!(stored(&app), before);
    let removal = ("remove".to_owned(), "steering_member".to_owned());
    assert_eq!(audit_since(&app, last_audit), vec![removal; removals]);
}

/// Directive versions submitted to each body, and a draft, for every role.
mod directive_versions {
    use crate::access::{A, Expect, F, L, outcome};
    use crate::directives::{create, directive, fresh_project, owned, stored, submitted};
    use crate::helpers::*;

    /// "anonymous" has not logged in; karin.holm commissions the project; projektledare2 has no
    /// relation to it.
    const ROLES: [&str; 8] = [
        "anonymous",
        "admin",
        "utvecklingschef",
        "projektledare",
        "ledamot",
        "lasare",
        "karin.holm",
        "projektledare2",
    ];

    /// `{draft}` is an incomplete draft; `{dm}` a version submitted to the development manager;
/// `{mg}` one submitted to the management group.
#[rustfmt::skip]
const ROUTES: &[(&str, &str, [Expect; 8])] = &[
    //                                                     anon admin utv pl led las karin pl2
    ("GET",  "/projects/{p}/directive",                    [L, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{p}/directive/new?kind=project",   [L, A, A, F, F, F, A, F]),
    ("GET",  "/projects/{p}/directive/new",                [L, A, A, F, F, F, A, F]),
    ("POST", "/projects/{p}/directive",                    [L, A, A, F, F, F, A, F]),
    ("GET",  "/projects/{p}/directive/{draft}",            [L, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{p}/directive/{mg}",               [L, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{p}/directive/{draft}/edit",       [L, A, A, F, F, F, A, F]),
    ("POST", "/projects/{p}/directive/{draft}/edit",       [L, A, A, F, F, F, A, F]),
    ("POST", "/projects/{p}/directive/{draft}/submit",     [L, A, A, F, F, F, A, F]),
    ("POST", "/projects/{p}/directive/{draft}/revise",     [L, A, A, F, F, F, A, F]),
    ("POST", "/projects/{p}/directive/{dm}/submit",        [L, A, A, F, F, F, A, F]),
    ("POST", "/projects/{p}/directive/{dm}/approve",       [L, F, A, F, F, F, F, F]),
    ("POST", "/projects/{p}/directive/{dm}/return",        [L, F, A, F, F, F, F, F]),
    ("POST", "/projects/{p}/directive/{mg}/approve",       [L, F, F, F, A, F, A, F]),
    ("POST", "/projects/{p}/directive/{mg}/return",        [L, F, F, F, A, F, A, F]),
    ("GET",  "/projects/{p}/directive/compare",            [L, A, A, A, A, A, A, A]),
    ("GET",  "/projects/{p}/directive/compare?from={draft}&to={mg}", [L, A, A, A, A, A, A, A]),
];

    #[tokio::test]
    async fn every_directive_route_answers_every_role_as_the_policy_says() {
        let mut app = spawn_app().await;
        let pid = fresh_project(&app, "DIG-2027-901");
        // A pre-study directive submitted to the development manager and a project directive above
        // the threshold submitted to the management group; on a second project karin.holm
        // commissions, an incomplete draft.
        let dm = submitted(&mut app, pid, "pre_study", "100 000").await;
        let mg = submitted(&mut app, pid, "project", "2 000 000").await;
        assert_eq!(
            directive(&app, pid, mg).row.approving_body.as_deref(),
            Some("management_group")
        );
        let other = fresh_project(&app, "DIG-2027-902");
        let draft = create(&app, other, "project", &owned(&[("purpose", "Ett syfte")])).await;
        let ids = [("{p}", pid), ("{dm}", dm), ("{mg}", mg)];
        let before = stored(&app);

        let mut mismatches = Vec::new();
        for (column, role) in ROLES.iter().enumerate() {
            app.fresh_client().await;
            if *role != "anonymous" {
                app.login_as(role).await;
            }
            for (method, template, expected) in ROUTES {
                // The draft lives on DIG-2027-902, which karin.holm commissions too.
                let (project, template) =
                    if template.contains("{draft}/") || template.ends_with("{draft}") {
                        (other, template.replace("{draft}", &draft.to_string()))
                    } else {
                        (pid, template.replace("{draft}", &dm.to_string()))
                    };
                let path = ids.iter().fold(
                    template.replace("{p}", &project.to_string()),
                    |path, (name, id)| path.replace(name, &id.to_string()),
                );
                let page = match *method {
                    "GET" => app.get(&path).await,
                    _ => app.post(&path, &[]).await,
                };
                let got = outcome(method, &page);
                if got != Ok(expected[column]) {
                    mismatches.push(format!(
                        "{role} {method} {path}: expected {:?}, got {got:?}",
                        expected[column]
                    ));
                }
            }
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
        assert_eq!(stored(&app), before, "the table changed nothing");
    }
}

/// Plan versions, approved and drafted, for every user and relation.
mod plan_versions {
    use reqwest::StatusCode;

    use crate::access::{A, Expect, F, L, outcome};
    use styr::domain::steering::SteeringRole;

    use crate::helpers::*;
    use crate::plans::*;

    const USERS: [&str; 10] = [
        "anonymous",
        "admin",
        "utvecklingschef",
        "projektledare",
        "projektledare2",
        "lars.dahl",
        "sofia.ahmed",
        "ledamot",
        "lasare",
        "karin.holm",
    ];

    #[tokio::test]
    async fn every_plan_route_answers_every_user_as_the_policy_says() {
        let mut app = spawn_app().await;
        // Version 1 approved, version 2 a draft answering a directive with a goal not yet answered.
        let f = fixture(&app, "DIG-2027-909", Some(1_000_000));
        let v1 = approved_plan(&mut app, &f).await;
        approved_directive(&app, f.project, &[GOAL_1, "Ett nytt mål"], None);
        app.fresh_client().await;
        app.login_as("projektledare2").await;
        let page = app
            .post(&format!("{}/revise", plan_path(f.project, v1)), &[])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        let v2 = newest_plan(&app, f.project);
        add_to_steering_group(&app, f.project, "sofia.ahmed", SteeringRole::Member);

        let p = f.project;
        #[rustfmt::skip]
    let routes: Vec<(&str, String, [Expect; 10])> = vec![
        //                                                  anon admin utv pl  pl2 chair member ledamot lasare karin
        ("GET",  format!("/projects/{p}/plan"),                    [L, A, A, A, A, A, A, A, A, A]),
        ("GET",  plan_path(p, v1),                                 [L, A, A, A, A, A, A, A, A, A]),
        ("GET",  plan_path(p, v2),                                 [L, A, A, A, A, A, A, A, A, A]),
        ("GET",  format!("/projects/{p}/plan/compare?from={v1}&to={v2}"), [L, A, A, A, A, A, A, A, A, A]),
        ("GET",  format!("{}/edit", plan_path(p, v2)),            [L, F, A, F, A, F, F, F, F, F]),
        ("POST", format!("/projects/{p}/plan"),                    [L, F, A, F, A, F, F, F, F, F]),
        ("POST", format!("{}/edit", plan_path(p, v2)),            [L, F, A, F, A, F, F, F, F, F]),
        ("POST", format!("{}/submit", plan_path(p, v2)),          [L, F, A, F, A, F, F, F, F, F]),
        ("POST", format!("{}/revise", plan_path(p, v1)),          [L, F, A, F, A, F, F, F, F, F]),
        ("POST", format!("{}/approve", plan_path(p, v2)),         [L, F, A, F, F, A, F, F, F, F]),
        ("POST", format!("{}/return", plan_path(p, v2)),          [L, F, A, F, F, A, F, F, F, F]),
    ];
        let plans_before = plan_count(&app);
        let decisions_before = decision_count(&app);
        let v2_before = plan_row(&app, p, v2);

        let mut mismatches = Vec::new();
        for (column, user) in USERS.iter().enumerate() {
            app.fresh_client().await;
            if *user != "anonymous" {
                app.login_as(user).await;
            }
            for (method, path, expected) in &routes {
                let page = match *method {
                    "GET" => app.get(path).await,
                    _ => app.post(path, &[]).await,
                };
                let got = outcome(method, &page);
                if got != Ok(expected[column]) {
                    mismatches.push(format!(
                        "{user} {method} {path}: expected {:?}, got {got:?}",
                        expected[column]
                    ));
                }
            }
        }
        assert!(
            mismatches.is_empty(),
            "{} answers differ from the policy:\n{}",
            mismatches.len(),
            mismatches.join("\n")
        );
        assert_eq!(plan_count(&app), plans_before);
        assert_eq!(decision_count(&app), decisions_before);
        let v2_after = plan_row(&app, p, v2);
        assert_eq!(v2_after.lock_version, v2_before.lock_version);
        assert_eq!(v2_after.status, "draft");
    }

    /// The id of the newest plan version of a project.
    fn newest_plan(app: &TestApp, project: i64) -> i64 {
        app.with_db(|conn| {
            styr::db::plans::newest(conn, project)
                .expect("the query runs")
                .expect("a plan")
                .id
        })
    }
}
