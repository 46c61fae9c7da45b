//! Builders for tests: a project in the phase a test needs, with its directive, plan, steering group
//! and closing report, made the way users make them, through the app's own pages, by people the
//! builder adds for it. A test states what it needs instead of leaning on the demo portfolio:
//!
//! ```ignore
//! let project = ProjectBuilder::new(&app, "BYG-1").phase(Phase::Execution).build().await;
//! ```
//!
//! Every step checks its answer, so a builder that can no longer take a project where it was asked
//! fails at the step that broke, not later in the test that used it.

use reqwest::StatusCode;
use styr::db::users::{self, NewUserRow};
use styr::domain::phase::Phase;
use styr::domain::role::Role;

use crate::helpers::{Browser, Page, TestApp, today};

/// The password of every person a builder adds.
pub const CAST_PASSWORD: &str = "byggarens lösenord";

/// The people of one built project, each with a browser of their own, logged in.
pub struct Cast {
    /// The development manager: registers the project, approves its directive, decides planning.
    pub development_manager: Person,
    /// The commissioner (beställare): drafts and submits the directive.
    pub commissioner: Person,
    /// The project lead: writes the plan and the closing report.
    pub lead: Person,
    /// The chair of the steering group: approves the plan, decides execution and closing.
    pub chair: Person,
    /// A member of the management group: decides maintenance.
    pub management_group: Person,
}

pub struct Person {
    pub id: i64,
    pub browser: Browser,
}

/// A project a builder made, with the ids of what it made on the way.
pub struct BuiltProject {
    pub id: i64,
    pub phase: Phase,
    pub directive_id: Option<i64>,
    pub plan_id: Option<i64>,
    pub cast: Cast,
}

impl BuiltProject {
    pub fn path(&self) -> String {
        format!("/projects/{}", self.id)
    }
}

pub struct ProjectBuilder<'a> {
    app: &'a TestApp,
    code: String,
    phase: Phase,
    budget_frame_sek: i64,
}

impl<'a> ProjectBuilder<'a> {
    /// An idea with the code `code`, unless a phase is asked for.
    pub fn new(app: &'a TestApp, code: &str) -> Self {
        ProjectBuilder {
            app,
            code: code.to_owned(),
            phase: Phase::Idea,
            budget_frame_sek: 500_000,
        }
    }

    /// The phase to take the project to, through every decision the model asks for on the way.
    /// `Cancelled` cancels an idea.
    pub fn phase(mut self, phase: Phase) -> Self {
        self.phase = phase;
        self
    }

    /// The directive's budget frame; above the management group's threshold, the management
    /// group approves the directive and decides planning.
    pub fn budget_frame(mut self, sek: i64) -> Self {
        self.budget_frame_sek = sek;
        self
    }

    pub async fn build(self) -> BuiltProject {
        let cast = cast(self.app, &self.code).await;
        let id = register(self.app, &cast, &self.code).await;
        let mut built = BuiltProject {
            id,
            phase: Phase::Idea,
            directive_id: None,
            plan_id: None,
            cast,
        };
        if self.phase == Phase::Cancelled {
            decide_phase(
                &built.cast.development_manager,
                id,
                Phase::Cancelled,
                "Idén prövas inte vidare.",
            )
            .await;
            built.phase = Phase::Cancelled;
            return built;
        }
        let steps = [
            Phase::Planning,
            Phase::Execution,
            Phase::Closing,
            Phase::Maintenance,
        ];
        for step in steps {
            if rank(self.phase) < rank(step) {
                break;
            }
            match step {
                Phase::Planning => {
                    // Above the threshold the administrator set, the management group approves the
                    // directive and decides planning.
                    let threshold = self.app.with_db(|conn| {
                        styr::db::settings::management_group_threshold(conn)
                            .expect("the threshold loads")
                    });
                    let to_management_group = self.budget_frame_sek > threshold;
                    let directive =
                        approved_directive(&built, self.budget_frame_sek, to_management_group)
                            .await;
                    built.directive_id = Some(directive);
                    let decider = if to_management_group {
                        &built.cast.management_group
                    } else {
                        &built.cast.development_manager
                    };
                    decide_phase(decider, id, Phase::Planning, "Projektet planeras.").await;
                }
                Phase::Execution => {
                    steering_group(&built).await;
                    built.plan_id = Some(approved_plan(&built).await);
                    decide_phase(&built.cast.chair, id, Phase::Execution, "Planen genomförs.")
                        .await;
                }
                Phase::Closing => {
                    closing_report(&built).await;
                    decide_phase(
                        &built.cast.chair,
                        id,
                        Phase::Closing,
                        "Leveransen är godkänd.",
                    )
                    .await;
                }
                Phase::Maintenance => {
                    decide_phase(
                        &built.cast.management_group,
                        id,
                        Phase::Maintenance,
                        "Projektet avslutas och lämnas till förvaltningen.",
                    )
                    .await;
                }
                _ => unreachable!("only the steps above are taken"),
            }
            built.phase = step;
        }
        assert_eq!(
            built.phase, self.phase,
            "the builder takes a project to idea, planning, execution, closing, maintenance or \
             cancelled"
        );
        built
    }
}

/// Where a phase comes in the life of a project that is not cancelled.
fn rank(phase: Phase) -> u8 {
    match phase {
        Phase::Idea => 0,
        Phase::PreStudy => 1,
        Phase::Planning => 2,
        Phase::Execution => 3,
        Phase::Closing => 4,
        Phase::Maintenance => 5,
        Phase::Cancelled => 6,
    }
}

/// Adds the people of a project, named after its code so that several built projects never share
/// anybody, and logs each of them in.
async fn cast(app: &TestApp, code: &str) -> Cast {
    let stem = code
        .to_lowercase()
        .replace(|c: char| !c.is_ascii_alphanumeric(), "");
    let hash = styr::auth::password::hash(CAST_PASSWORD);
    let people = [
        ("dm", "Utvecklingschef", Role::DevelopmentManager),
        ("bes", "Beställare", Role::ProjectLead),
        ("pl", "Projektledare", Role::ProjectLead),
        ("ordf", "Ordförande", Role::ProjectLead),
        ("lg", "Ledningsgruppsledamot", Role::ManagementGroup),
    ];
    let mut added = Vec::new();
    for (suffix, title, role) in people {
        let username = format!("{stem}.{suffix}");
        let display_name = format!("{title} {}", code);
        let id = app.with_db(|conn| {
            users::insert(
                conn,
                &NewUserRow {
                    username: &username,
                    display_name: &display_name,
                    role,
                    password_hash: &hash,
                    must_change_password: false,
                },
            )
            .expect("the person is added")
        });
        let browser = Browser::log_in_with(app, &username, CAST_PASSWORD).await;
        added.push(Person { id, browser });
    }
    let mut people = added.into_iter();
    let mut next = || people.next().expect("five people");
    Cast {
        development_manager: next(),
        commissioner: next(),
        lead: next(),
        chair: next(),
        management_group: next(),
    }
}

fn expect_redirect(page: &Page, step: &str) -> String {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{step}: {}", page.body);
    page.location.clone().expect("a redirect")
}

/// The id in `location` after `prefix`, up to the next `/` or `?`.
fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .strip_prefix(prefix)
        .and_then(|rest| rest.split(['/', '?']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("an id after {prefix} in {location}"))
}

/// Registers the project as the development manager, with its lead and commissioner, in the
/// first unit there is (one is added to an app that has none).
async fn register(app: &TestApp, cast: &Cast, code: &str) -> i64 {
    let unit = app.with_db(|conn| {
        let units = styr::db::units::units(conn).expect("the units load");
        match units.first() {
            Some(unit) => unit.id,
            None => {
                let board =
                    styr::db::units::insert_board(conn, "Socialnämnden").expect("a board is added");
                styr::db::units::insert_unit(conn, "Stab och utveckling", board)
                    .expect("a unit is added")
            }
        }
    });
    let unit = unit.to_string();
    let name = format!("Byggt projekt {code}");
    let page = cast
        .development_manager
        .browser
        .post(
            "/projects",
            &[
                ("code", code),
                ("name", &name),
                ("unit_id", &unit),
                ("project_lead_id", &cast.lead.id.to_string()),
                ("commissioner_id", &cast.commissioner.id.to_string()),
                ("budget_sek", "500000"),
            ],
        )
        .await;
    expect_redirect(&page, "register the project");
    app.project_id(code)
}

/// The commissioner drafts and submits a project directive; the body it names approves it.
async fn approved_directive(project: &BuiltProject, frame: i64, to_management_group: bool) -> i64 {
    let id = project.id;
    let frame = frame.to_string();
    let commissioner = &project.cast.commissioner.browser;
    let fields: Vec<(&str, &str)> = vec![
        ("kind", "project"),
        ("background", "Arbetet görs i dag på papper."),
        ("purpose", "Ett digitalt arbetssätt."),
        ("goal_1", "Handläggningstiden halveras"),
        ("goal_2", "Inga uppgifter skrivs in två gånger"),
        ("scope", "Handläggningen på enheten."),
        ("out_of_scope", "Andra enheters system."),
        ("deliverables", "Ett system i drift."),
        ("time_frame_start", "2027-01-01"),
        ("time_frame_end", "2027-12-31"),
        ("budget_frame_sek", &frame),
        ("resources", "En projektledare på halvtid."),
        ("dependencies", "Inga."),
        ("legal_notes", "Inga personuppgifter behandlas."),
    ];
    let page = commissioner
        .post(&format!("/projects/{id}/directive"), &fields)
        .await;
    let location = expect_redirect(&page, "draft the directive");
    let directive = id_after(&location, &format!("/projects/{id}/directive/"));
    let path = format!("/projects/{id}/directive/{directive}");
    let page = commissioner.post(&format!("{path}/submit"), &[]).await;
    expect_redirect(&page, "submit the directive");
    let approver = if to_management_group {
        &project.cast.management_group.browser
    } else {
        &project.cast.development_manager.browser
    };
    let page = approver
        .post(
            &format!("{path}/approve"),
            &[("decided_on", &today()), ("text", "Direktivet godkänns.")],
        )
        .await;
    expect_redirect(&page, "approve the directive");
    directive
}

/// The development manager appoints the chair.
async fn steering_group(project: &BuiltProject) {
    let page = project
        .cast
        .development_manager
        .browser
        .post(
            &format!("/projects/{}/steering-group", project.id),
            &[
                ("user_id", &project.cast.chair.id.to_string()),
                ("role", "chair"),
            ],
        )
        .await;
    expect_redirect(&page, "appoint the chair");
}

/// The lead writes a plan that answers every goal, submits it, and the chair approves it.
async fn approved_plan(project: &BuiltProject) -> i64 {
    let id = project.id;
    let lead = &project.cast.lead.browser;
    let page = lead.post(&format!("/projects/{id}/plan"), &[]).await;
    let location = expect_redirect(&page, "start the plan");
    let plan = id_after(&location, &format!("/projects/{id}/plan/"));
    let path = format!("/projects/{id}/plan/{plan}");
    let form = lead.get(&format!("{path}/edit")).await;
    assert_eq!(
        form.status,
        StatusCode::OK,
        "the plan's form: {}",
        form.body
    );
    let lock = form.input_value("lock_version").expect("a lock version");
    let answers = form.attrs("textarea[name^=answer_]", "name");
    assert!(
        !answers.is_empty(),
        "the plan answers the directive's goals"
    );
    let mut fields: Vec<(&str, &str)> = vec![
        ("lock_version", &lock),
        ("milestone_name_1", "Systemet i drift"),
        ("milestone_planned_1", "2027-09-01"),
        ("budget_year_1", "2027"),
        ("budget_category_1", "staff"),
        ("budget_amount_1", "400 000"),
        ("risk_description_1", "Leverantören försenas"),
        ("risk_probability_1", "2"),
        ("risk_consequence_1", "3"),
        ("risk_mitigation_1", "Vite i avtalet"),
        ("risk_owner_1", "Projektledaren"),
        ("benefit_indicator_1", "Handläggningstid"),
        ("benefit_baseline_1", "10 dagar"),
        ("benefit_target_1", "5 dagar"),
        ("benefit_measured_1", "2028-03-31"),
        ("benefit_owner_1", "Enhetschefen"),
        ("communication", "Månadsbrev."),
        ("handover_owner", "Förvaltningsledaren"),
        ("maintenance_object", "Verksamhetssystemet"),
        ("time_tolerance_days", "30"),
        ("cost_tolerance_percent", "10"),
    ];
    for answer in &answers {
        fields.push((answer, "Målet nås med det nya systemet."));
    }
    let page = lead.post(&format!("{path}/edit"), &fields).await;
    expect_redirect(&page, "write the plan");
    let page = lead.post(&format!("{path}/submit"), &[]).await;
    expect_redirect(&page, "submit the plan");
    let page = project
        .cast
        .chair
        .browser
        .post(
            &format!("{path}/approve"),
            &[("decided_on", &today()), ("text", "Planen godkänns.")],
        )
        .await;
    expect_redirect(&page, "approve the plan");
    plan
}

/// The lead writes a complete closing report, with the chair as the receiving maintenance owner.
async fn closing_report(project: &BuiltProject) {
    let path = format!("/projects/{}/closing-report", project.id);
    let lead = &project.cast.lead.browser;
    let form = lead.get(&path).await;
    assert_eq!(
        form.status,
        StatusCode::OK,
        "the closing report: {}",
        form.body
    );
    let lock = form.input_value("lock_version").unwrap_or_default();
    let page = lead
        .post(
            &path,
            &[
                ("outcome", "Målen är nådda."),
                ("final_cost_sek", "450 000"),
                ("lessons", "Börja med förvaltningen tidigt."),
                ("handover", "Till förvaltningsobjektet Verksamhetssystemet."),
                ("maintenance_owner_id", &project.cast.chair.id.to_string()),
                ("benefit_follow_up_on", "2028-06-30"),
                ("lock_version", &lock),
            ],
        )
        .await;
    expect_redirect(&page, "write the closing report");
}

/// A phase decision by `who`, dated today.
async fn decide_phase(who: &Person, project: i64, to: Phase, text: &str) {
    let page = who
        .browser
        .post(
            &format!("/projects/{project}/phase"),
            &[
                ("phase", to.as_str()),
                ("decided_on", &today()),
                ("text", text),
            ],
        )
        .await;
    expect_redirect(&page, &format!("decide {}", to.as_str()));
}
