//! The governance part of the demo portfolio: every project's directive, plan, steering group,
//! closing report and decisions, consistent with the phase it is in, so a newcomer sees the model
//! at work. Dates are days relative to today.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;

use super::schema::{
    closing_reports, directive_goals, directives, plan_benefits, plan_budget_lines,
    plan_goal_answers, plan_milestones, plan_risks, plans, projects, users,
};
use super::{DbConnection, decisions, now, steering};
use crate::domain::decision::{Body, DecisionKind};
use crate::domain::directive::DirectiveKind;
use crate::domain::document::Status;
use crate::domain::phase::Phase;
use crate::domain::steering::SteeringRole;

struct DirectiveStory {
    kind: DirectiveKind,
    status: Status,
    body: Body,
    /// Days from today the directive was decided on (ignored for drafts).
    decided: i64,
    background: &'static str,
    purpose: &'static str,
    goals: &'static [&'static str],
    scope: &'static str,
    out_of_scope: &'static str,
    deliverables: &'static str,
    budget_frame: i64,
    personal_data: bool,
    sensitive: bool,
    dpia: bool,
    osl: bool,
    legal_notes: &'static str,
    strategic: bool,
}

struct Story {
    code: &'static str,
    author: &'static str,
    steering: &'static [(&'static str, SteeringRole)],
    directives: &'static [DirectiveStory],
    /// The plan's status and when the steering group decided it (days from today).
    plan: Option<(Status, i64)>,
    phases: &'static [(Phase, Body, i64, &'static str)],
    /// A closing report: complete (with owner and follow-up) or only drafted.
    closing: Option<bool>,
}

const NO_LEGAL: &str = "";

/// Days a version was submitted before it was decided.
const SUBMITTED_BEFORE: i64 = 3;

impl Story {
    /// Every day something was submitted or decided, in days from today.
    fn dates(&self) -> impl Iterator<Item = i64> + '_ {
        let directives = self
            .directives
            .iter()
            .filter(|d| d.status != Status::Draft)
            .flat_map(|d| [d.decided - SUBMITTED_BEFORE, d.decided]);
        let plan = self
            .plan
            .filter(|(status, _)| *status != Status::Draft)
            .into_iter()
            .flat_map(|(_, decided)| [decided - SUBMITTED_BEFORE, decided]);
        let phases = self.phases.iter().map(|(_, _, days, _)| *days);
        directives.chain(plan).chain(phases)
    }

    /// The day the project was registered: a month before its first submission or decision, or two
    /// weeks ago for an idea with neither.
    fn registered(&self) -> i64 {
        self.dates().min().map_or(-14, |first| first - 30)
    }
}

const STORIES: &[Story] = &[
    Story {
        code: "DIG-2024-001",
        author: "karin.holm",
        steering: &[
            ("karin.holm", SteeringRole::Chair),
            ("utvecklingschef", SteeringRole::Member),
            ("projektledare", SteeringRole::CoOpted),
        ],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Approved,
            body: Body::ManagementGroup,
            decided: -805,
            background: "Hemtjänstens medarbetare rapporterar utförda insatser på papper som sedan förs in för hand.",
            purpose: "Medarbetarna rapporterar insatser i mobilen direkt hos brukaren.",
            goals: &[
                "All återrapportering sker digitalt",
                "Administrativ tid per medarbetare minskar med 30 minuter per vecka",
            ],
            scope: "Alla hemtjänstgrupper i Äldreenheten.",
            out_of_scope: "Hälso- och sjukvårdsinsatser.",
            deliverables: "Mobil app i drift, utbildade medarbetare, rutiner.",
            budget_frame: 1_450_000,
            personal_data: true,
            sensitive: true,
            dpia: true,
            osl: true,
            legal_notes: "Konsekvensbedömning gjord; personuppgiftsbiträdesavtal med leverantören.",
            strategic: false,
        }],
        plan: Some((Status::Approved, -770)),
        phases: &[
            (
                Phase::Planning,
                Body::ManagementGroup,
                -800,
                "Direktivet är godkänt; planeringen startar.",
            ),
            (
                Phase::Execution,
                Body::SteeringGroup,
                -760,
                "Projektplanen är godkänd; genomförandet startar.",
            ),
            (
                Phase::Closing,
                Body::SteeringGroup,
                -260,
                "Leveransen är godkänd av styrgruppen.",
            ),
            (
                Phase::Maintenance,
                Body::ManagementGroup,
                -240,
                "Projektet stängs och går över i förvaltning. Nyttan följs upp nästa år.",
            ),
        ],
        closing: Some(true),
    },
    Story {
        code: "DIG-2025-002",
        author: "karin.holm",
        steering: &[
            ("karin.holm", SteeringRole::Chair),
            ("utvecklingschef", SteeringRole::Member),
            ("projektledare", SteeringRole::CoOpted),
        ],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Approved,
            body: Body::DevelopmentManager,
            decided: -320,
            background: "Ansökan om färdtjänst görs på pappersblankett; köerna var långa i somras.",
            purpose: "Medborgare ansöker om färdtjänst digitalt med e-legitimation.",
            goals: &[
                "Hälften av ansökningarna kommer digitalt inom ett år",
                "Handläggningstiden kortas till tre veckor",
            ],
            scope: "E-tjänst för ny ansökan och förlängning.",
            out_of_scope: "Bokning av resor.",
            deliverables: "E-tjänst, integration mot verksamhetssystemet, informationsmaterial.",
            budget_frame: 850_000,
            personal_data: true,
            sensitive: true,
            dpia: true,
            osl: true,
            legal_notes: "Hälsouppgifter i ansökan: känsliga personuppgifter.",
            strategic: false,
        }],
        plan: Some((Status::Approved, -305)),
        phases: &[
            (
                Phase::Planning,
                Body::DevelopmentManager,
                -315,
                "Direktivet är godkänt; planeringen startar.",
            ),
            (
                Phase::Execution,
                Body::SteeringGroup,
                -300,
                "Projektplanen är godkänd; genomförandet startar.",
            ),
        ],
        closing: None,
    },
    Story {
        code: "DIG-2025-003",
        author: "peter.wallin",
        steering: &[
            ("peter.wallin", SteeringRole::Chair),
            ("utvecklingschef", SteeringRole::Member),
            ("projektledare2", SteeringRole::CoOpted),
        ],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Approved,
            body: Body::ManagementGroup,
            decided: -420,
            background: "Ansökan om ekonomiskt bistånd görs på papper och kompletteras ofta flera gånger.",
            purpose: "Sökande ansöker digitalt och bifogar underlag direkt.",
            goals: &[
                "Sju av tio ansökningar kommer digitalt",
                "Färre kompletteringar per ärende",
            ],
            scope: "E-ansökan om försörjningsstöd för nybesök och återansökan.",
            out_of_scope: "Automatiserat beslutsfattande.",
            deliverables: "E-tjänst, rutiner för handläggning, utbildning.",
            budget_frame: 2_300_000,
            personal_data: true,
            sensitive: true,
            dpia: true,
            osl: true,
            legal_notes: "Konsekvensbedömning (DPIA) gjord. Sekretess enligt 26 kap. OSL.",
            strategic: true,
        }],
        plan: Some((Status::Approved, -405)),
        phases: &[
            (
                Phase::Planning,
                Body::ManagementGroup,
                -415,
                "Ledningsgruppen godkänner direktivet; planeringen startar.",
            ),
            (
                Phase::Execution,
                Body::SteeringGroup,
                -400,
                "Projektplanen är godkänd; genomförandet startar.",
            ),
        ],
        closing: None,
    },
    Story {
        code: "DIG-2025-004",
        author: "peter.wallin",
        steering: &[
            ("peter.wallin", SteeringRole::Chair),
            ("utvecklingschef", SteeringRole::Member),
        ],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Approved,
            body: Body::ManagementGroup,
            decided: -40,
            background: "Beviljat bistånd betalas ut genom manuella steg i två system.",
            purpose: "Utbetalningen av beviljat bistånd sker automatiskt och spårbart.",
            goals: &[
                "Inga manuella utbetalningssteg",
                "Utbetalning samma dag som beslut",
            ],
            scope: "Utbetalning av beviljat försörjningsstöd.",
            out_of_scope: "Beslut om bistånd.",
            deliverables: "Robot i drift, loggning och rutiner för avvikelser.",
            budget_frame: 1_200_000,
            personal_data: true,
            sensitive: false,
            dpia: true,
            osl: true,
            legal_notes: NO_LEGAL,
            strategic: false,
        }],
        plan: Some((Status::Submitted, 0)),
        phases: &[(
            Phase::Planning,
            Body::ManagementGroup,
            -35,
            "Ledningsgruppen godkänner direktivet; planeringen startar.",
        )],
        closing: None,
    },
    Story {
        code: "DIG-2026-005",
        author: "karin.holm",
        steering: &[("karin.holm", SteeringRole::Chair)],
        directives: &[DirectiveStory {
            kind: DirectiveKind::PreStudy,
            status: Status::Approved,
            body: Body::DevelopmentManager,
            decided: -65,
            background: "Nattillsyn i ordinärt boende sker genom besök som väcker brukaren.",
            purpose: "Utreda om kameratillsyn kan ersätta en del av besöken, rättsligt och praktiskt.",
            goals: &[
                "Rättslig bedömning av kameratillsyn",
                "Rekommendation om fortsatt projekt",
            ],
            scope: "Förstudie: juridik, teknik och brukarnas synpunkter.",
            out_of_scope: "Upphandling.",
            deliverables: "Förstudierapport med rekommendation.",
            budget_frame: 300_000,
            personal_data: true,
            sensitive: true,
            dpia: true,
            osl: true,
            legal_notes: "Rättslig prövning pågår: kamerabevakning i hemmet kräver samtycke.",
            strategic: false,
        }],
        plan: None,
        phases: &[(
            Phase::PreStudy,
            Body::DevelopmentManager,
            -60,
            "Förstudie beslutad enligt förstudiedirektivet.",
        )],
        closing: None,
    },
    Story {
        code: "DIG-2026-006",
        author: "lars.dahl",
        steering: &[
            ("lars.dahl", SteeringRole::Chair),
            ("utvecklingschef", SteeringRole::Member),
            ("projektledare", SteeringRole::CoOpted),
        ],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Approved,
            body: Body::DevelopmentManager,
            decided: -345,
            background: "Signeringslistor för läkemedel förs på papper i varje grupp.",
            purpose: "Signering sker i appen med påminnelser och uppföljning.",
            goals: &[
                "Inga pappersbaserade signeringslistor",
                "Färre missade signeringar",
            ],
            scope: "Omsorgsenhetens alla grupper.",
            out_of_scope: "Ordination.",
            deliverables: "Digitala signeringslistor i drift.",
            budget_frame: 640_000,
            personal_data: true,
            sensitive: true,
            dpia: false,
            osl: true,
            legal_notes: NO_LEGAL,
            strategic: false,
        }],
        plan: Some((Status::Approved, -335)),
        phases: &[
            (
                Phase::Planning,
                Body::DevelopmentManager,
                -340,
                "Direktivet är godkänt; planeringen startar.",
            ),
            (
                Phase::Execution,
                Body::SteeringGroup,
                -330,
                "Projektplanen är godkänd; genomförandet startar.",
            ),
            (
                Phase::Closing,
                Body::SteeringGroup,
                -10,
                "Leveransen är godkänd; slutrapporten skrivs.",
            ),
        ],
        closing: Some(false),
    },
    Story {
        code: "DIG-2026-007",
        author: "sofia.ahmed",
        steering: &[],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Draft,
            body: Body::DevelopmentManager,
            decided: 0,
            background: "Kallelser och besked till vårdnadshavare skickas med brev.",
            purpose: "Säkra digitala meddelanden mellan handläggare och vårdnadshavare.",
            goals: &["Brev ersätts av säkra meddelanden"],
            scope: "",
            out_of_scope: "",
            deliverables: "",
            budget_frame: 0,
            personal_data: true,
            sensitive: true,
            dpia: true,
            osl: true,
            legal_notes: NO_LEGAL,
            strategic: false,
        }],
        plan: None,
        phases: &[],
        closing: None,
    },
    Story {
        code: "DIG-2026-008",
        author: "utvecklingschef",
        steering: &[
            ("utvecklingschef", SteeringRole::Chair),
            ("ledamot", SteeringRole::Member),
            ("projektledare2", SteeringRole::CoOpted),
        ],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Approved,
            body: Body::ManagementGroup,
            decided: -215,
            background: "Behörigheter, mallar och rutiner i verksamhetssystemet har vuxit fram utan översyn.",
            purpose: "Verksamhetssystemet används lika och säkert i hela förvaltningen.",
            goals: &[
                "Alla behörigheter är granskade",
                "Gemensamma mallar för utredning och beslut",
            ],
            scope: "Behörigheter, dokumentmallar och rutiner.",
            out_of_scope: "Byte av verksamhetssystem.",
            deliverables: "Granskade behörigheter, mallbibliotek, rutinbeskrivningar.",
            budget_frame: 980_000,
            personal_data: false,
            sensitive: false,
            dpia: false,
            osl: false,
            legal_notes: NO_LEGAL,
            strategic: false,
        }],
        plan: Some((Status::Approved, -205)),
        phases: &[
            (
                Phase::Planning,
                Body::ManagementGroup,
                -210,
                "Direktivet är godkänt; planeringen startar.",
            ),
            (
                Phase::Execution,
                Body::SteeringGroup,
                -200,
                "Projektplanen är godkänd; genomförandet startar.",
            ),
        ],
        closing: None,
    },
    Story {
        code: "DIG-2026-009",
        author: "utvecklingschef",
        steering: &[],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Approved,
            body: Body::ManagementGroup,
            decided: -160,
            background: "Ledningsgruppen vill följa direktupphandlingar över 1,1 MSEK.",
            purpose: "En rapport ur e-avrop över direktupphandlingar per enhet.",
            goals: &["Månadsvis rapport per enhet"],
            scope: "Rapport ur e-avrop.",
            out_of_scope: "",
            deliverables: "Rapport.",
            budget_frame: 150_000,
            personal_data: false,
            sensitive: false,
            dpia: false,
            osl: false,
            legal_notes: NO_LEGAL,
            strategic: false,
        }],
        plan: None,
        phases: &[
            (
                Phase::Planning,
                Body::ManagementGroup,
                -155,
                "Direktivet är godkänt; planeringen startar.",
            ),
            (
                Phase::Cancelled,
                Body::ManagementGroup,
                -30,
                "Avbryts: upphandlingsenhetens egen rapport ersätter projektet.",
            ),
        ],
        closing: None,
    },
    Story {
        code: "DIG-2026-010",
        author: "utvecklingschef",
        steering: &[
            ("utvecklingschef", SteeringRole::Chair),
            ("karin.holm", SteeringRole::Member),
        ],
        directives: &[DirectiveStory {
            kind: DirectiveKind::Project,
            status: Status::Approved,
            body: Body::ManagementGroup,
            decided: -20,
            background: "Förvaltningens processer finns beskrivna på många ställen och i olika format.",
            purpose: "Processerna kartläggs på ett ställe, i Stratsys.",
            goals: &["Huvudprocesserna är kartlagda", "Processägare utsedda"],
            scope: "Förvaltningens huvudprocesser.",
            out_of_scope: "Stödprocesser.",
            deliverables: "Processkartor i Stratsys.",
            budget_frame: 400_000,
            personal_data: false,
            sensitive: false,
            dpia: false,
            osl: false,
            legal_notes: NO_LEGAL,
            strategic: false,
        }],
        plan: Some((Status::Draft, 0)),
        phases: &[(
            Phase::Planning,
            Body::ManagementGroup,
            -15,
            "Direktivet är godkänt; planeringen startar.",
        )],
        closing: None,
    },
];

fn user_id(conn: &mut DbConnection, username: &str) -> QueryResult<i64> {
    users::table
        .filter(users::username.eq(username))
        .select(users::id)
        .first(conn)
}

/// A decision of the demo, recorded with the next number of its body.
struct Decided<'a> {
    project_id: i64,
    body: Body,
    kind: DecisionKind,
    date: NaiveDate,
    text: &'a str,
    phases: Option<(Phase, Phase)>,
    recorded_by: i64,
}

fn decide(conn: &mut DbConnection, d: Decided) -> QueryResult<decisions::DecisionRow> {
    decisions::insert(
        conn,
        &decisions::NewDecision {
            body: d.body,
            project_id: Some(d.project_id),
            decided_on: d.date,
            kind: d.kind,
            text: d.text,
            phase_from: d.phases.map(|(from, _)| from),
            phase_to: d.phases.map(|(_, to)| to),
            recorded_by: d.recorded_by,
            meeting_id: None,
        },
    )
}

fn recorder(conn: &mut DbConnection, body: Body, chair: Option<i64>) -> QueryResult<i64> {
    match (body, chair) {
        (Body::SteeringGroup, Some(chair)) => Ok(chair),
        (Body::ManagementGroup, _) => user_id(conn, "ledamot"),
        _ => user_id(conn, "utvecklingschef"),
    }
}

fn insert_directive(
    conn: &mut DbConnection,
    project_id: i64,
    story: &DirectiveStory,
    author: i64,
    today: NaiveDate,
) -> QueryResult<(i64, i32)> {
    let at = now();
    diesel::insert_into(directives::table)
        .values((
            directives::project_id.eq(project_id),
            directives::kind.eq(story.kind.as_str()),
            directives::version.eq(1),
            directives::status.eq(Status::Draft.as_str()),
            directives::background.eq(story.background),
            directives::purpose.eq(story.purpose),
            directives::scope.eq(story.scope),
            directives::out_of_scope.eq(story.out_of_scope),
            directives::deliverables.eq(story.deliverables),
            directives::time_frame_start
                .eq((story.status != Status::Draft)
                    .then(|| today + Duration::days(story.decided + 10))),
            directives::time_frame_end.eq((story.status != Status::Draft)
                .then(|| today + Duration::days(story.decided + 400))),
            directives::budget_frame_sek.eq((story.budget_frame > 0).then_some(story.budget_frame)),
            directives::strategic.eq(story.strategic),
            directives::personal_data.eq(story.personal_data),
            directives::sensitive_personal_data.eq(story.sensitive),
            directives::dpia_needed.eq(story.dpia),
            directives::osl_confidentiality.eq(story.osl),
            directives::legal_notes.eq(story.legal_notes),
            directives::created_by.eq(author),
            directives::created_at.eq(at),
            directives::updated_at.eq(at),
        ))
        .execute(conn)?;
    let id: i64 = directives::table
        .filter(directives::project_id.eq(project_id))
        .filter(directives::kind.eq(story.kind.as_str()))
        .select(directives::id)
        .first(conn)?;
    for (position, goal) in story.goals.iter().enumerate() {
        diesel::insert_into(directive_goals::table)
            .values((
                directive_goals::directive_id.eq(id),
                directive_goals::position.eq(i32::try_from(position).unwrap_or(0) + 1),
                directive_goals::text.eq(goal),
            ))
            .execute(conn)?;
    }
    Ok((id, 1))
}

fn insert_plan(
    conn: &mut DbConnection,
    project_id: i64,
    directive_id: i64,
    author: i64,
    budget_frame: i64,
    start: NaiveDate,
    goals: &[&str],
) -> QueryResult<i64> {
    let at = now();
    diesel::insert_into(plans::table)
        .values((
            plans::project_id.eq(project_id),
            plans::version.eq(1),
            plans::directive_id.eq(directive_id),
            plans::status.eq(Status::Draft.as_str()),
            plans::communication.eq(
                "Månadsvis information på arbetsplatsträffar; nyhetsbrev till berörda enheter.",
            ),
            plans::handover_owner.eq("Förvaltningsledare för verksamhetens IT-stöd"),
            plans::maintenance_object.eq("Verksamhetens e-tjänster och IT-stöd"),
            plans::created_by.eq(author),
            plans::created_at.eq(at),
            plans::updated_at.eq(at),
        ))
        .execute(conn)?;
    let plan_id: i64 = plans::table
        .filter(plans::project_id.eq(project_id))
        .select(plans::id)
        .first(conn)?;
    let goal_rows: Vec<(i64, String)> = directive_goals::table
        .filter(directive_goals::directive_id.eq(directive_id))
        .order(directive_goals::position)
        .select((directive_goals::id, directive_goals::text))
        .load(conn)?;
    for (goal_id, goal) in &goal_rows {
        diesel::insert_into(plan_goal_answers::table)
            .values((
                plan_goal_answers::plan_id.eq(plan_id),
                plan_goal_answers::goal_id.eq(goal_id),
                plan_goal_answers::answer.eq(format!(
                    "Följs upp månadsvis i statusrapporten: {}.",
                    goal.to_lowercase()
                )),
            ))
            .execute(conn)?;
    }
    let milestones = [
        ("Kravställning klar", 30),
        ("Pilot i en grupp", 120),
        ("Införande i hela enheten", 240),
    ];
    for (position, (name, days)) in milestones.iter().enumerate() {
        diesel::insert_into(plan_milestones::table)
            .values((
                plan_milestones::plan_id.eq(plan_id),
                plan_milestones::position.eq(i32::try_from(position).unwrap_or(0) + 1),
                plan_milestones::name.eq(name),
                plan_milestones::planned_on.eq(start + Duration::days(*days)),
            ))
            .execute(conn)?;
    }
    let year = start.year();
    let lines = [
        (year, "staff", budget_frame * 4 / 10),
        (year, "consultants", budget_frame * 3 / 10),
        (year + 1, "licences", budget_frame * 2 / 10),
        (year + 1, "other", budget_frame / 10),
    ];
    for (position, (year, category, amount)) in lines.iter().enumerate() {
        diesel::insert_into(plan_budget_lines::table)
            .values((
                plan_budget_lines::plan_id.eq(plan_id),
                plan_budget_lines::position.eq(i32::try_from(position).unwrap_or(0) + 1),
                plan_budget_lines::year.eq(year),
                plan_budget_lines::category.eq(category),
                plan_budget_lines::amount_sek.eq(amount),
            ))
            .execute(conn)?;
    }
    let risks = [
        (
            "Leverantören blir försenad",
            3,
            4,
            "Vite i avtalet; veckovis avstämning",
            "Projektledaren",
        ),
        (
            "Medarbetarna hinner inte utbildas",
            2,
            3,
            "Utbildning på arbetstid, schemalagd i förväg",
            "Enhetschefen",
        ),
    ];
    for (position, (description, probability, consequence, mitigation, owner)) in
        risks.iter().enumerate()
    {
        diesel::insert_into(plan_risks::table)
            .values((
                plan_risks::plan_id.eq(plan_id),
                plan_risks::position.eq(i32::try_from(position).unwrap_or(0) + 1),
                plan_risks::description.eq(description),
                plan_risks::probability.eq(probability),
                plan_risks::consequence.eq(consequence),
                plan_risks::mitigation.eq(mitigation),
                plan_risks::owner.eq(owner),
            ))
            .execute(conn)?;
    }
    if let Some(goal) = goals.first() {
        diesel::insert_into(plan_benefits::table)
            .values((
                plan_benefits::plan_id.eq(plan_id),
                plan_benefits::position.eq(1),
                plan_benefits::indicator.eq(*goal),
                plan_benefits::baseline.eq("Mäts vid projektstart"),
                plan_benefits::target.eq("Enligt direktivets mål"),
                plan_benefits::measured_on.eq(start + Duration::days(365)),
                plan_benefits::owner.eq("Enhetschefen"),
            ))
            .execute(conn)?;
    }
    Ok(plan_id)
}

/// Adds the governance of every demo project. Runs inside the demo's transaction.
pub fn seed(conn: &mut DbConnection, today: NaiveDate) -> QueryResult<()> {
    let day = |days: i64| today + Duration::days(days);
    for story in STORIES {
        let (project_id, budget): (i64, Option<i64>) = projects::table
            .filter(projects::code.eq(story.code))
            .select((projects::id, projects::budget_sek))
            .first(conn)?;
        let author = user_id(conn, story.author)?;
        // The project was registered before anything was decided on it.
        let registered = day(story.registered())
            .and_hms_opt(9, 0, 0)
            .unwrap_or_default();
        diesel::update(projects::table.find(project_id))
            .set((
                projects::created_at.eq(registered),
                projects::updated_at.eq(registered),
            ))
            .execute(conn)?;
        let mut chair = None;
        for (username, role) in story.steering {
            let member = user_id(conn, username)?;
            steering::add(conn, project_id, member, *role)?;
            if *role == SteeringRole::Chair {
                chair = Some(member);
            }
        }
        let mut project_directive = None;
        for directive in story.directives {
            let (id, _) = insert_directive(conn, project_id, directive, author, today)?;
            if directive.status == Status::Approved {
                let kind = DecisionKind::DirectiveApproved;
                let text = match directive.kind {
                    DirectiveKind::PreStudy => "Förstudiedirektivet godkänns.",
                    DirectiveKind::Project => "Projektdirektivet godkänns.",
                };
                let by = recorder(conn, directive.body, chair)?;
                let decision = decide(
                    conn,
                    Decided {
                        project_id,
                        body: directive.body,
                        kind,
                        date: day(directive.decided),
                        text,
                        phases: None,
                        recorded_by: by,
                    },
                )?;
                diesel::update(directives::table.find(id))
                    .set((
                        directives::status.eq(Status::Approved.as_str()),
                        directives::approving_body.eq(directive.body.as_str()),
                        directives::decision_id.eq(decision.id),
                        directives::submitted_by.eq(author),
                        directives::submitted_on.eq(day(directive.decided - SUBMITTED_BEFORE)),
                    ))
                    .execute(conn)?;
            }
            if directive.kind == DirectiveKind::Project && directive.status == Status::Approved {
                project_directive = Some((id, directive));
            }
        }
        if let (Some((status, decided)), Some((directive_id, directive))) =
            (story.plan, project_directive)
        {
            let lead: Option<i64> = projects::table
                .find(project_id)
                .select(projects::project_lead_id)
                .first(conn)?;
            let plan_author = lead.unwrap_or(author);
            let plan_id = insert_plan(
                conn,
                project_id,
                directive_id,
                plan_author,
                budget.unwrap_or(directive.budget_frame),
                day(directive.decided + 10),
                directive.goals,
            )?;
            match status {
                Status::Approved => {
                    let by = recorder(conn, Body::SteeringGroup, chair)?;
                    let decision = decide(
                        conn,
                        Decided {
                            project_id,
                            body: Body::SteeringGroup,
                            kind: DecisionKind::PlanApproved,
                            date: day(decided),
                            text: "Projektplanen godkänns.",
                            phases: None,
                            recorded_by: by,
                        },
                    )?;
                    diesel::update(plans::table.find(plan_id))
                        .set((
                            plans::status.eq(Status::Approved.as_str()),
                            plans::decision_id.eq(decision.id),
                            plans::submitted_by.eq(plan_author),
                            plans::submitted_on.eq(day(decided - SUBMITTED_BEFORE)),
                        ))
                        .execute(conn)?;
                }
                Status::Submitted => {
                    diesel::update(plans::table.find(plan_id))
                        .set((
                            plans::status.eq(Status::Submitted.as_str()),
                            plans::submitted_by.eq(plan_author),
                            plans::submitted_on.eq(day(decided - SUBMITTED_BEFORE)),
                        ))
                        .execute(conn)?;
                }
                Status::Draft | Status::Returned => {}
            }
        }
        let mut from = Phase::Idea;
        for (to, body, days, text) in story.phases {
            let by = recorder(conn, *body, chair)?;
            decide(
                conn,
                Decided {
                    project_id,
                    body: *body,
                    kind: DecisionKind::PhaseChange,
                    date: day(*days),
                    text,
                    phases: Some((from, *to)),
                    recorded_by: by,
                },
            )?;
            from = *to;
        }
        if let Some(complete) = story.closing {
            let owner = if complete {
                Some(user_id(conn, "karin.holm")?)
            } else {
                None
            };
            let at = now();
            diesel::insert_into(closing_reports::table)
                .values((
                    closing_reports::project_id.eq(project_id),
                    closing_reports::outcome.eq("Målen är nådda: all rapportering sker digitalt."),
                    closing_reports::final_cost_sek.eq(budget.map(|b| b * 95 / 100)),
                    closing_reports::lessons.eq(
                        "Tidig dialog med medarbetarna och leverantören gav ett smidigt införande.",
                    ),
                    closing_reports::handover.eq(if complete {
                        "Överlämnat till förvaltningsobjektet Hemtjänstens IT-stöd."
                    } else {
                        ""
                    }),
                    closing_reports::maintenance_owner_id.eq(owner),
                    closing_reports::benefit_follow_up_on.eq(complete.then(|| day(125))),
                    closing_reports::created_by.eq(author),
                    closing_reports::created_at.eq(at),
                    closing_reports::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::phase::{PhaseFacts, check_phase_change};

    #[test]
    fn every_decision_follows_what_it_rests_on() {
        for story in STORIES {
            let registered = story.registered();
            assert!(
                story.dates().all(|d| registered <= d && d <= 0),
                "{}",
                story.code
            );
            let approved = |kind: DirectiveKind| {
                story
                    .directives
                    .iter()
                    .find(|d| d.kind == kind && d.status == Status::Approved)
                    .map(|d| d.decided)
            };
            let plan = story
                .plan
                .filter(|(status, _)| *status == Status::Approved)
                .map(|(_, decided)| decided);
            if let (Some(plan), Some(directive)) = (plan, approved(DirectiveKind::Project)) {
                assert!(
                    directive <= plan - SUBMITTED_BEFORE,
                    "{}: the plan answers an approved directive",
                    story.code
                );
            }
            for (to, _, days, _) in story.phases {
                let rests_on = match to {
                    Phase::PreStudy => approved(DirectiveKind::PreStudy),
                    Phase::Planning => approved(DirectiveKind::Project),
                    Phase::Execution => plan,
                    _ => None,
                };
                assert!(
                    rests_on.is_none_or(|d| d <= *days),
                    "{} → {to:?}",
                    story.code
                );
            }
        }
    }

    #[test]
    fn four_eyes_in_every_story() {
        // Who records each body's decisions in the demo (see `recorder`).
        for story in STORIES {
            let chair = story
                .steering
                .iter()
                .find(|(_, role)| *role == SteeringRole::Chair)
                .map(|(name, _)| *name);
            for directive in story.directives {
                let decider = match directive.body {
                    Body::ManagementGroup => "ledamot",
                    Body::DevelopmentManager => "utvecklingschef",
                    Body::SteeringGroup => chair.unwrap_or("utvecklingschef"),
                };
                assert_ne!(decider, story.author, "{}", story.code);
            }
            if story.plan.is_some() {
                assert!(chair.is_some(), "{}: a plan needs a chair", story.code);
                let lead = crate::db::demo::lead_of(story.code);
                assert_ne!(chair, lead, "{}: the lead does not chair", story.code);
            }
        }
    }

    #[test]
    fn every_story_follows_the_phase_table_in_date_order() {
        for story in STORIES {
            let mut facts = PhaseFacts::bare(Phase::Idea);
            facts.steering_group_has_chair = story
                .steering
                .iter()
                .any(|(_, role)| *role == SteeringRole::Chair);
            let mut last = i64::MIN;
            for (to, body, days, _) in story.phases {
                assert!(*days >= last, "{}: dates in order", story.code);
                assert!(*days <= 0, "{}: no decision in the future", story.code);
                last = *days;
                // The documents the story seeds are what the rules ask for.
                facts.approved_pre_study_directive = story
                    .directives
                    .iter()
                    .any(|d| d.kind == DirectiveKind::PreStudy && d.status == Status::Approved);
                facts.approved_directive = story
                    .directives
                    .iter()
                    .find(|d| d.kind == DirectiveKind::Project && d.status == Status::Approved)
                    .map(|d| crate::domain::phase::ApprovedDirective {
                        version: 1,
                        needs_management_group: d.body == Body::ManagementGroup,
                    });
                facts.approved_plan_answers =
                    matches!(story.plan, Some((Status::Approved, _))).then_some(1);
                facts.closing_report =
                    story
                        .closing
                        .map(|complete| crate::domain::phase::ClosingReportFacts {
                            complete,
                            maintenance_owner: complete,
                            benefit_follow_up: complete,
                        });
                assert_eq!(
                    check_phase_change(&facts, *to),
                    Ok(*body),
                    "{} → {to:?}",
                    story.code
                );
                facts.current = *to;
                facts.current_phase_body = Some(*body);
            }
        }
    }
}
