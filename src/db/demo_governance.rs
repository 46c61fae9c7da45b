//! The governance part of the demo portfolio: every project's directive, plan, steering group,
//! closing report and decisions, consistent with the phase it is in, so a newcomer sees the model
//! at work. Dates are days relative to today.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::Error::NotFound;

use super::decisions::Extras;
use super::directives::Directives;
use super::documents::{self, Submission, VersionId};
use super::plans::{AnsweredDirective, Plans};
use super::projects::Saved;
use super::schema::{projects, users};
use super::{DbConnection, closing, directives, governance, plans, steering};
use crate::domain::closing::ClosingContent;
use crate::domain::decision::{Body, PhaseDecisionInput, Verdict};
use crate::domain::directive::{DirectiveContent, DirectiveKind};
use crate::domain::document::{Authors, Status};
use crate::domain::phase::Phase;
use crate::domain::plan::{
    Benefit, BudgetCategory, BudgetLine, DEFAULT_TOLERANCES, Milestone, PlanContent, Risk,
};
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
                -805,
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
                -420,
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
            decided: -35,
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
                -215,
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
                -160,
                "Direktivet är godkänt; planeringen startar.",
            ),
            (
                Phase::Cancelled,
                Body::ManagementGroup,
                -35,
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
            decided: -15,
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

fn recorder(conn: &mut DbConnection, body: Body, chair: Option<i64>) -> QueryResult<i64> {
    match (body, chair) {
        (Body::SteeringGroup, Some(chair)) => Ok(chair),
        (Body::ManagementGroup, _) => user_id(conn, "ledamot"),
        _ => user_id(conn, "utvecklingschef"),
    }
}

/// A step the app would take on a version that did not go through: the version is not in the
/// state the demo left it in, so the demo's transaction is rolled back.
fn taken(done: bool) -> QueryResult<()> {
    if done { Ok(()) } else { Err(NotFound) }
}

/// When the demo project `code` was registered: 09:00 on its story's registration day.
pub fn registered_at(code: &str, today: NaiveDate) -> NaiveDateTime {
    let days = STORIES
        .iter()
        .find(|s| s.code == code)
        .map_or(-14, Story::registered);
    (today + Duration::days(days))
        .and_hms_opt(9, 0, 0)
        .unwrap_or_default()
}

fn directive_content(story: &DirectiveStory, today: NaiveDate) -> DirectiveContent {
    let decided = story.status != Status::Draft;
    DirectiveContent {
        background: story.background.into(),
        purpose: story.purpose.into(),
        goals: story.goals.iter().map(|g| (*g).to_owned()).collect(),
        scope: story.scope.into(),
        out_of_scope: story.out_of_scope.into(),
        deliverables: story.deliverables.into(),
        time_frame_start: decided.then(|| today + Duration::days(story.decided + 10)),
        time_frame_end: decided.then(|| today + Duration::days(story.decided + 400)),
        budget_frame_sek: (story.budget_frame > 0).then_some(story.budget_frame),
        resources: String::new(),
        dependencies: String::new(),
        strategic: story.strategic,
        personal_data: story.personal_data,
        sensitive_personal_data: story.sensitive,
        dpia_needed: story.dpia,
        osl_confidentiality: story.osl,
        legal_notes: story.legal_notes.into(),
    }
}

/// The plan the lead writes into the draft: an answer to every goal of `directive`, milestones,
/// a budget within `budget_frame`, risks and a benefit.
fn plan_content(directive: &AnsweredDirective, budget_frame: i64, start: NaiveDate) -> PlanContent {
    let goal_answers = directive
        .goals
        .iter()
        .map(|goal| {
            let answer = format!(
                "Följs upp månadsvis i statusrapporten: {}.",
                goal.text.to_lowercase()
            );
            (goal.id, answer)
        })
        .collect();
    let milestones = [
        ("Kravställning klar", 30),
        ("Pilot i en grupp", 120),
        ("Införande i hela enheten", 240),
    ]
    .into_iter()
    .map(|(name, days)| Milestone {
        name: name.into(),
        planned_on: start + Duration::days(days),
        actual_on: None,
    })
    .collect();
    let year = start.year();
    let budget = [
        (year, BudgetCategory::Staff, budget_frame * 4 / 10),
        (year, BudgetCategory::Consultants, budget_frame * 3 / 10),
        (year + 1, BudgetCategory::Licences, budget_frame * 2 / 10),
        (year + 1, BudgetCategory::Other, budget_frame / 10),
    ]
    .into_iter()
    .map(|(year, category, amount_sek)| BudgetLine {
        year,
        category,
        amount_sek,
    })
    .collect();
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
    ]
    .into_iter()
    .map(
        |(description, probability, consequence, mitigation, owner)| Risk {
            description: description.into(),
            probability,
            consequence,
            mitigation: mitigation.into(),
            owner: owner.into(),
        },
    )
    .collect();
    let benefits = directive
        .goals
        .first()
        .map(|goal| Benefit {
            indicator: goal.text.clone(),
            baseline: "Mäts vid projektstart".into(),
            target: "Enligt direktivets mål".into(),
            measured_on: Some(start + Duration::days(365)),
            owner: "Enhetschefen".into(),
        })
        .into_iter()
        .collect();
    PlanContent {
        goal_answers,
        milestones,
        budget,
        risks,
        benefits,
        communication:
            "Månadsvis information på arbetsplatsträffar; nyhetsbrev till berörda enheter.".into(),
        handover_owner: "Förvaltningsledare för verksamhetens IT-stöd".into(),
        maintenance_object: "Verksamhetens e-tjänster och IT-stöd".into(),
        over_frame_reason: String::new(),
        tolerances: DEFAULT_TOLERANCES,
    }
}

/// Drafts, submits and (when the story says so) approves a story's directive, as its author and
/// the deciding body would through the app. Returns the version's id.
fn seed_directive(
    conn: &mut DbConnection,
    project_id: i64,
    story: &DirectiveStory,
    (author, chair): (i64, Option<i64>),
    today: NaiveDate,
    extras: Extras,
) -> QueryResult<i64> {
    let day = |days: i64| today + Duration::days(days);
    let content = directive_content(story, today);
    let id = directives::create(conn, project_id, story.kind, 1, &content, author)?;
    if story.status == Status::Approved {
        let version = VersionId { project_id, id };
        // The body is the one the app's rules name for this content and author: the story says
        // which that is, and a story that contradicts the rules is not seeded.
        let authors = Authors {
            created_by: author,
            edited_by: None,
            submitted_by: Some(author),
        };
        let body = directives::deciding_body(conn, &content, &authors)?;
        taken(body == story.body)?;
        let submission = Submission {
            body,
            by: author,
            on: day(story.decided - SUBMITTED_BEFORE),
        };
        taken(documents::submit::<Directives>(
            conn,
            version,
            Status::Draft,
            &submission,
        )?)?;
        let verdict = Verdict {
            decided_on: day(story.decided),
            text: match story.kind {
                DirectiveKind::PreStudy => "Förstudiedirektivet godkänns.",
                DirectiveKind::Project => "Projektdirektivet godkänns.",
            }
            .into(),
            reason: None,
        };
        let by = recorder(conn, body, chair)?;
        let decision =
            documents::decide_with::<Directives>(conn, version, body, &verdict, by, extras)?;
        taken(decision.is_some())?;
    }
    Ok(id)
}

/// Drafts the plan as the lead would (a first version, then its content saved), and submits and
/// approves it as far as the story goes.
#[allow(clippy::too_many_arguments)]
fn seed_plan(
    conn: &mut DbConnection,
    project_id: i64,
    directive_id: i64,
    author: i64,
    budget_frame: i64,
    start: NaiveDate,
    (status, decided): (Status, NaiveDate),
    chair: Option<i64>,
) -> QueryResult<()> {
    let draft = plans::start(
        conn,
        project_id,
        directive_id,
        author,
        &PlanContent::default(),
    )?;
    let content = plan_content(&draft.directive, budget_frame, start);
    let lock_version = draft.plan.lock_version;
    taken(plans::save(conn, &draft, lock_version, &content, author)? == Saved::Yes)?;
    if !matches!(status, Status::Submitted | Status::Approved) {
        return Ok(());
    }
    let version = VersionId {
        project_id,
        id: draft.plan.id,
    };
    let submission = Submission {
        body: Body::SteeringGroup,
        by: author,
        on: decided - Duration::days(SUBMITTED_BEFORE),
    };
    taken(documents::submit::<Plans>(
        conn,
        version,
        Status::Draft,
        &submission,
    )?)?;
    if status == Status::Approved {
        // The steering group decides, as the app's four-eyes rule has it for this plan.
        let submitted = plans::find(conn, project_id, version.id)?.ok_or(NotFound)?;
        let body = plans::deciding_body(conn, &submitted)?;
        taken(body == Body::SteeringGroup)?;
        let verdict = Verdict {
            decided_on: decided,
            text: "Projektplanen godkänns.".into(),
            reason: None,
        };
        let by = recorder(conn, body, chair)?;
        let decision = documents::decide::<Plans>(conn, version, body, &verdict, by)?;
        taken(decision.is_some())?;
    }
    Ok(())
}

/// The demo's management group meetings, as the governance seed needs them: its decisions are
/// taken under an item of the meeting of their day, and whatever else the meetings (and the
/// development manager under delegation) decided is recorded in date order with them, so that
/// every body's numbers follow its dates.
pub trait Minutes {
    /// Records what was decided in the demo's meetings and under delegation before `day`.
    fn until(&mut self, conn: &mut DbConnection, day: NaiveDate) -> QueryResult<()>;
    /// The item a management group decision about the project `code` on `day` is taken under,
    /// and the chair who formally decided it.
    fn taken_under(&self, code: &str, day: NaiveDate) -> Option<(i64, i64)>;
}

/// A step of a story's history, seeded on its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Steering,
    Directive(usize),
    Plan,
    Phase(usize),
    Closing,
}

impl Story {
    /// The story's steps in the order the project lived them, each with the day (from today) it
    /// is seeded on: its own day, or the day of the step before when that is later (an approved
    /// plan is seeded before the phase decision into planning that it follows in the audit trail).
    fn steps(&self) -> Vec<(i64, Step)> {
        let registered = self.registered();
        let last_phase = self
            .phases
            .last()
            .map_or(registered, |(_, _, days, _)| *days);
        let plan_approved = matches!(self.plan, Some((Status::Approved, _)));
        let mut steps = vec![(registered, Step::Steering)];
        for (index, directive) in self.directives.iter().enumerate() {
            let on = if directive.status == Status::Draft {
                registered
            } else {
                directive.decided
            };
            steps.push((on, Step::Directive(index)));
        }
        if let (true, Some((_, decided))) = (plan_approved, self.plan) {
            steps.push((decided, Step::Plan));
        }
        for (index, (_, _, days, _)) in self.phases.iter().enumerate() {
            steps.push((*days, Step::Phase(index)));
        }
        if !plan_approved && self.plan.is_some() {
            steps.push((last_phase, Step::Plan));
        }
        if self.closing.is_some() {
            steps.push((last_phase, Step::Closing));
        }
        let mut latest = i64::MIN;
        for (on, _) in &mut steps {
            latest = latest.max(*on);
            *on = latest;
        }
        steps
    }
}

/// Every story's steps, all stories together in the order of their days (a story's own steps
/// keep their order).
fn timeline() -> Vec<(i64, usize, Step)> {
    let mut all: Vec<(i64, usize, Step)> = STORIES
        .iter()
        .enumerate()
        .flat_map(|(index, story)| {
            story
                .steps()
                .into_iter()
                .map(move |(on, step)| (on, index, step))
        })
        .collect();
    all.sort_by_key(|(on, _, _)| *on);
    all
}

/// Every management group decision the stories record: the project, its day (from today) and
/// who wrote what it decides on (who must not decide it).
#[cfg(test)]
pub(super) fn management_group_decisions() -> Vec<(&'static str, i64, &'static str)> {
    let mut all = Vec::new();
    for story in STORIES {
        for directive in story.directives {
            if directive.status == Status::Approved && directive.body == Body::ManagementGroup {
                all.push((story.code, directive.decided, story.author));
            }
        }
        for (_, body, days, _) in story.phases {
            if *body == Body::ManagementGroup {
                all.push((story.code, *days, story.author));
            }
        }
    }
    all
}

/// What a story's later steps need from its earlier ones.
struct Seeded {
    project_id: i64,
    budget: Option<i64>,
    lead: Option<i64>,
    author: i64,
    chair: Option<i64>,
    project_directive: Option<(i64, &'static DirectiveStory)>,
    phase: Phase,
}

/// Adds the governance of every demo project (registered by `demo::seed`, in phase Idé), through
/// the same `db` functions the app's handlers call, so that the demo's decisions, documents and
/// audit trail are what the app would have written. Every story's steps are seeded in the order
/// of their days, with what `minutes` records on the days between. Runs inside the demo's
/// transaction.
pub fn seed(
    conn: &mut DbConnection,
    today: NaiveDate,
    minutes: &mut dyn Minutes,
) -> QueryResult<()> {
    let mut seeded = Vec::new();
    for story in STORIES {
        let (project_id, budget, lead): (i64, Option<i64>, Option<i64>) = projects::table
            .filter(projects::code.eq(story.code))
            .select((
                projects::id,
                projects::budget_sek,
                projects::project_lead_id,
            ))
            .first(conn)?;
        seeded.push(Seeded {
            project_id,
            budget,
            lead,
            author: user_id(conn, story.author)?,
            chair: None,
            project_directive: None,
            phase: Phase::Idea,
        });
    }
    for (on, index, step) in timeline() {
        minutes.until(conn, today + Duration::days(on))?;
        let story = &STORIES[index];
        seed_step(conn, today, story, &mut seeded[index], step, &*minutes)?;
    }
    Ok(())
}

/// Who formally decided a decision of `body` about `code` on `day`, and under which item of the
/// minutes: a management group decision is taken under an item of the meeting of its day.
fn decided<'a>(
    minutes: &dyn Minutes,
    body: Body,
    code: &str,
    day: NaiveDate,
) -> QueryResult<Extras<'a>> {
    if body != Body::ManagementGroup {
        return Ok(Extras::default());
    }
    let (item, chair) = minutes.taken_under(code, day).ok_or(NotFound)?;
    Ok(Extras {
        decided_by: Some(chair),
        item_id: Some(item),
        ..Extras::default()
    })
}

fn seed_step(
    conn: &mut DbConnection,
    today: NaiveDate,
    story: &'static Story,
    seeded: &mut Seeded,
    step: Step,
    minutes: &dyn Minutes,
) -> QueryResult<()> {
    let day = |days: i64| today + Duration::days(days);
    let project_id = seeded.project_id;
    match step {
        Step::Steering => {
            for (username, role) in story.steering {
                let member = user_id(conn, username)?;
                steering::join(conn, project_id, member, *role, seeded.author)?;
                if *role == SteeringRole::Chair {
                    seeded.chair = Some(member);
                }
            }
        }
        Step::Directive(index) => {
            let directive = &story.directives[index];
            let extras = if directive.status == Status::Approved {
                decided(minutes, directive.body, story.code, day(directive.decided))?
            } else {
                Extras::default()
            };
            let authors = (seeded.author, seeded.chair);
            let id = seed_directive(conn, project_id, directive, authors, today, extras)?;
            if directive.kind == DirectiveKind::Project && directive.status == Status::Approved {
                seeded.project_directive = Some((id, directive));
            }
        }
        Step::Plan => {
            if let (Some((status, decided)), Some((directive_id, directive))) =
                (story.plan, seeded.project_directive)
            {
                seed_plan(
                    conn,
                    project_id,
                    directive_id,
                    seeded.lead.unwrap_or(seeded.author),
                    seeded.budget.unwrap_or(directive.budget_frame),
                    day(directive.decided + 10),
                    (status, day(decided)),
                    seeded.chair,
                )?;
            }
        }
        Step::Phase(index) => {
            let (to, body, days, text) = &story.phases[index];
            let by = recorder(conn, *body, seeded.chair)?;
            let input = PhaseDecisionInput {
                to: *to,
                decided_on: day(*days),
                text: (*text).into(),
            };
            let extras = decided(minutes, *body, story.code, input.decided_on)?;
            let from = seeded.phase;
            governance::record_phase_change_with(
                conn, project_id, from, &input, *body, by, extras,
            )?;
            seeded.phase = *to;
        }
        Step::Closing => {
            if let Some(complete) = story.closing {
                seed_closing(conn, today, seeded, complete)?;
            }
        }
    }
    Ok(())
}

/// The closing report: complete (with owner and follow-up) or only drafted.
fn seed_closing(
    conn: &mut DbConnection,
    today: NaiveDate,
    seeded: &Seeded,
    complete: bool,
) -> QueryResult<()> {
    let owner = if complete {
        Some(user_id(conn, "karin.holm")?)
    } else {
        None
    };
    let content = ClosingContent {
        outcome: "Målen är nådda: all rapportering sker digitalt.".into(),
        final_cost_sek: seeded.budget.map(|b| b * 95 / 100),
        lessons: "Tidig dialog med medarbetarna och leverantören gav ett smidigt införande.".into(),
        handover: if complete {
            "Överlämnat till förvaltningsobjektet Hemtjänstens IT-stöd."
        } else {
            ""
        }
        .into(),
        maintenance_owner_id: owner,
        benefit_follow_up_on: complete.then(|| today + Duration::days(125)),
    };
    let saved = closing::save(conn, seeded.project_id, None, 0, &content, seeded.author)?;
    taken(saved.is_some())
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
    fn the_timeline_runs_in_date_order_and_keeps_every_storys_own_order() {
        let timeline = timeline();
        assert!(timeline.windows(2).all(|w| w[0].0 <= w[1].0));
        for (index, story) in STORIES.iter().enumerate() {
            let own: Vec<Step> = timeline
                .iter()
                .filter(|(_, i, _)| *i == index)
                .map(|(_, _, step)| *step)
                .collect();
            let steps: Vec<Step> = story.steps().into_iter().map(|(_, s)| s).collect();
            assert_eq!(own, steps, "{}", story.code);
            assert_eq!(steps.first(), Some(&Step::Steering), "{}", story.code);
            let plan = steps.iter().position(|s| *s == Step::Plan);
            let execution = story
                .phases
                .iter()
                .position(|(to, ..)| *to == Phase::Execution)
                .and_then(|i| steps.iter().position(|s| *s == Step::Phase(i)));
            if let (Some(plan), Some(execution)) = (plan, execution) {
                assert!(
                    plan < execution,
                    "{}: the plan before execution",
                    story.code
                );
            }
        }
    }

    #[test]
    fn every_story_ends_in_its_projects_phase() {
        for story in STORIES {
            let reached = story.phases.last().map_or(Phase::Idea, |(to, ..)| *to);
            assert_eq!(
                Some(reached),
                crate::db::demo::phase_of(story.code),
                "{}",
                story.code
            );
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
