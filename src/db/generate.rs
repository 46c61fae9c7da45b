//! `styr generate`: fills an empty database with a large, realistic, generated portfolio, for trying
//! Styr at the scale of a whole administration (and measuring it). Everything is written through
//! the app's own `db` functions, so decisions, documents, reports and the audit trail are what the
//! app would have written; a fixed seed makes every run the same.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::Error::NotFound;

use super::demo_reports::{Filing, file, rated};
use super::directives::Directives;
use super::documents::{self, Submission, VersionId};
use super::plans::Plans;
use super::projects::Saved;
use super::reports::{self, PlanBasis};
use super::{DbConnection, closing, decisions, demo, directives, governance, plans, projects};
use super::{settings, steering, units, users};
use crate::domain::closing::ClosingContent;
use crate::domain::decision::{Body, DecisionKind, PhaseDecisionInput, Verdict};
use crate::domain::directive::{DirectiveContent, DirectiveKind};
use crate::domain::document::{Authors, Status};
use crate::domain::phase::Phase;
use crate::domain::plan::{Benefit, BudgetCategory, BudgetLine, Milestone, PlanContent, Risk};
use crate::domain::project::ProjectInput;
use crate::domain::role::Role;
use crate::domain::status_report::{
    Aspect, Escalation, EscalationKind, EscalationTo, Light, MilestoneUpdate, Period, ReportContent,
};
use crate::domain::steering::SteeringRole;

/// How much to generate, and the day it ends on.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub projects: usize,
    pub months: usize,
    pub today: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub projects: usize,
    pub reports: usize,
    pub escalations: usize,
}

/// One lead for every this many projects.
pub const PROJECTS_PER_LEAD: usize = 8;

/// A small deterministic pseudo-random generator (SplitMix64): the same portfolio every run,
/// without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let span = (high - low + 1) as u64;
        low + (self.next_u64() % span) as i64
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

/// How a light moves from one month to the next: mostly green, runs of amber, now and then red
/// that recovers.
pub fn next_light(rng: &mut Rng, now: Light) -> Light {
    let roll = rng.between(0, 999);
    match now {
        Light::Green if roll < 25 => Light::Amber,
        Light::Green if roll < 28 => Light::Red,
        Light::Green => Light::Green,
        Light::Amber if roll < 300 => Light::Green,
        Light::Amber if roll < 360 => Light::Red,
        Light::Amber => Light::Amber,
        Light::Red if roll < 400 => Light::Amber,
        Light::Red if roll < 550 => Light::Green,
        Light::Red => Light::Red,
    }
}

/// The phase a generated project is in: most in execution, some in planning or closing, a few in
/// pre-study, idea or maintenance.
pub fn phase_for(roll: i64) -> Phase {
    match roll {
        0..=54 => Phase::Execution,
        55..=69 => Phase::Planning,
        70..=79 => Phase::Closing,
        80..=86 => Phase::PreStudy,
        87..=93 => Phase::Idea,
        _ => Phase::Maintenance,
    }
}

const SUBJECTS: &[&str] = &[
    "ansökan om färdtjänst",
    "bostadsanpassningsbidrag",
    "ekonomiskt bistånd",
    "hemtjänstens planering",
    "orosanmälningar",
    "kontaktperson och kontaktfamilj",
    "boendestöd",
    "familjerättens samtal",
    "avgiftshandläggning",
    "läkemedelshantering",
    "trygghetslarm",
    "dagverksamhet",
    "försörjningsstödets utbetalningar",
    "placeringar i familjehem",
    "ärendeförmedling",
    "medborgarnas synpunkter",
];

const KINDS: &[&str] = &[
    "E-tjänst för",
    "Digitalisering av",
    "Automatiserad hantering av",
    "Nytt verksamhetsstöd för",
    "Mobil dokumentation av",
    "Självservice för",
];

const MILESTONES: &[&str] = &[
    "Kravställning klar",
    "Leverantör vald",
    "Pilot i en grupp",
    "Införande i hela enheten",
];

/// The people a generated project needs, by id.
struct Cast {
    development_manager: i64,
    management_group_member: i64,
    commissioners: Vec<i64>,
    leads: Vec<i64>,
    units: Vec<i64>,
}

/// Fills an empty database (migrated) with `options.projects` projects and up to
/// `options.months` months of reports each, in the caller's transaction. Every generated user
/// has the password hash `password_hash`.
pub fn fill(
    conn: &mut DbConnection,
    password_hash: &str,
    options: Options,
) -> QueryResult<Summary> {
    demo::seed_organisation(conn, password_hash)?;
    let cast = cast(conn, password_hash, options.projects)?;
    let mut rng = Rng::new(0x5354_5952_2026);
    let mut summary = Summary::default();
    let due_day = settings::reporting(conn)?.due_day;
    for index in 0..options.projects {
        let project = Generated::new(&mut rng, &cast, index, options);
        let filed = project.write(conn, &mut rng, &cast, options, due_day)?;
        summary.projects += 1;
        summary.reports += filed.reports;
        summary.escalations += filed.escalations;
    }
    Ok(summary)
}

fn user_id(conn: &mut DbConnection, username: &str) -> QueryResult<i64> {
    Ok(users::find_by_username(conn, username)?.ok_or(NotFound)?.id)
}

/// The demo's people, and one lead (`ledare01`, …) for every [`PROJECTS_PER_LEAD`] projects.
fn cast(conn: &mut DbConnection, password_hash: &str, projects: usize) -> QueryResult<Cast> {
    let mut leads = Vec::new();
    for n in 1..=projects.div_ceil(PROJECTS_PER_LEAD).max(1) {
        let username = format!("ledare{n:02}");
        let display_name = format!("Projektledare {n:02}");
        leads.push(users::insert(
            conn,
            &users::NewUserRow {
                username: &username,
                display_name: &display_name,
                role: Role::ProjectLead,
                password_hash,
                must_change_password: false,
            },
        )?);
    }
    let mut commissioners = Vec::new();
    for username in ["karin.holm", "lars.dahl", "sofia.ahmed", "peter.wallin"] {
        commissioners.push(user_id(conn, username)?);
    }
    Ok(Cast {
        development_manager: user_id(conn, "utvecklingschef")?,
        management_group_member: user_id(conn, "ledamot")?,
        commissioners,
        leads,
        units: units::units(conn)?.into_iter().map(|u| u.id).collect(),
    })
}

/// One generated project's facts, drawn before anything is written.
struct Generated {
    code: String,
    name: String,
    phase: Phase,
    unit: i64,
    lead: i64,
    commissioner: i64,
    budget: i64,
    /// The day planning was decided (for a pre-study: the pre-study), and the project's length
    /// in days from then.
    began: NaiveDate,
    length: i64,
}

/// What writing a project filed.
struct Filed {
    reports: usize,
    escalations: usize,
}

impl Generated {
    fn new(rng: &mut Rng, cast: &Cast, index: usize, options: Options) -> Generated {
        let phase = phase_for(rng.between(0, 99));
        let months = options.months as i64;
        // Longer windows of reports get longer projects, so the window is used.
        let length = rng.between(300, 300 + 30 * months);
        // How long ago planning began, so the project is in its phase today.
        let age = match phase {
            Phase::Idea => 0,
            Phase::PreStudy => rng.between(10, 80),
            Phase::Planning => rng.between(10, 55),
            Phase::Execution => rng.between((length / 3).max(60), (length - 20).max(61)),
            Phase::Closing => length + rng.between(0, 50),
            _ => length + rng.between(90, 90 + 30 * months.max(1)),
        };
        let subject = rng.pick(SUBJECTS);
        let kind = rng.pick(KINDS);
        Generated {
            code: format!("GEN-{:04}", index + 1),
            name: format!("{kind} {subject}"),
            phase,
            unit: *rng.pick(&cast.units),
            lead: cast.leads[(index / PROJECTS_PER_LEAD).min(cast.leads.len() - 1)],
            commissioner: *rng.pick(&cast.commissioners),
            budget: rng.between(20, 500) * 10_000,
            began: options.today - Duration::days(age),
            length,
        }
    }

    fn day(&self, days: i64) -> NaiveDate {
        self.began + Duration::days(days)
    }

    /// Registers the project, takes it through its governance to its phase, and files its
    /// reports.
    fn write(
        &self,
        conn: &mut DbConnection,
        rng: &mut Rng,
        cast: &Cast,
        options: Options,
        due_day: u32,
    ) -> QueryResult<Filed> {
        let id = self.register(conn, cast)?;
        match self.govern(conn, rng, id, cast, options.today)? {
            Some(reported_until) => {
                self.report(conn, rng, (id, cast), options, due_day, reported_until)
            }
            None => Ok(Filed {
                reports: 0,
                escalations: 0,
            }),
        }
    }

    fn register(&self, conn: &mut DbConnection, cast: &Cast) -> QueryResult<i64> {
        let input = ProjectInput {
            code: self.code.clone(),
            name: self.name.clone(),
            description: format!("{} inom socialtjänsten.", self.name),
            unit_id: self.unit,
            project_lead_id: Some(self.lead),
            commissioner_id: Some(self.commissioner),
            planned_start: Some(self.day(10)),
            planned_end: Some(self.day(10 + self.length)),
            budget_sek: Some(self.budget),
        };
        let registered: NaiveDateTime = (self.began - Duration::days(40))
            .and_hms_opt(9, 0, 0)
            .ok_or(NotFound)?;
        projects::create(conn, &input, registered, cast.development_manager)
    }

    /// The directive, steering group, plan, closing report and phase decisions that bring the
    /// project to its phase. Returns the last period it owes a report for (`None`: it owes none).
    fn govern(
        &self,
        conn: &mut DbConnection,
        rng: &mut Rng,
        id: i64,
        cast: &Cast,
        today: NaiveDate,
    ) -> QueryResult<Option<Period>> {
        match self.phase {
            Phase::Idea => return Ok(None),
            Phase::PreStudy => {
                self.directive(conn, id, DirectiveKind::PreStudy, cast)?;
                self.phase_change(conn, id, Phase::Idea, Phase::PreStudy, cast, 0)?;
                return Ok(None);
            }
            _ => {}
        }
        let (directive_id, body) = self.directive(conn, id, DirectiveKind::Project, cast)?;
        let decider = self.recorder(body, cast);
        self.phase_change_by(conn, id, (Phase::Idea, Phase::Planning), body, decider, 0)?;
        for (member, role) in [
            (self.commissioner, SteeringRole::Chair),
            (cast.development_manager, SteeringRole::Member),
        ] {
            steering::join(conn, id, member, role, cast.development_manager)?;
        }
        let plan_decided = match self.phase {
            Phase::Planning => (today - self.began).num_days().clamp(1, 25) - 1,
            _ => 25,
        };
        self.plan(conn, id, directive_id, self.day(plan_decided))?;
        if self.phase == Phase::Planning {
            return Ok(Some(Period::of(today)));
        }
        self.phase_change(conn, id, Phase::Planning, Phase::Execution, cast, 30)?;
        if self.phase == Phase::Execution {
            return Ok(Some(Period::of(today)));
        }
        self.close(conn, rng, id)?;
        let closed = self.length;
        self.phase_change(conn, id, Phase::Execution, Phase::Closing, cast, closed)?;
        if self.phase == Phase::Closing {
            return Ok(Some(Period::of(today)));
        }
        let handed_over = self.length + 60;
        self.phase_change(
            conn,
            id,
            Phase::Closing,
            Phase::Maintenance,
            cast,
            handed_over,
        )?;
        Ok(Some(Period::of(self.day(handed_over)).previous()))
    }

    /// The lead's closing report.
    fn close(&self, conn: &mut DbConnection, rng: &mut Rng, id: i64) -> QueryResult<()> {
        let content = ClosingContent {
            outcome: "Leveransen är godkänd av styrgruppen.".into(),
            final_cost_sek: Some(self.budget * rng.between(90, 105) / 100),
            lessons: "Tidig dialog med medarbetarna gav ett smidigt införande.".into(),
            handover: "Överlämnat till förvaltningsobjektet.".into(),
            maintenance_owner_id: Some(self.commissioner),
            benefit_follow_up_on: Some(self.day(self.length + 365)),
        };
        taken(closing::save(conn, id, None, 0, &content, self.lead)?.is_some())
    }

    /// The monthly reports from the window's first period (or the one planning began in) up to
    /// `reported_until`: this month's usually not begun, a few months missing, some late, most
    /// reviewed; then the steering group's answers.
    fn report(
        &self,
        conn: &mut DbConnection,
        rng: &mut Rng,
        (id, cast): (i64, &Cast),
        options: Options,
        due_day: u32,
        reported_until: Period,
    ) -> QueryResult<Filed> {
        let basis = match plans::newest_approved(conn, id)? {
            Some(plan) => reports::plan_basis(conn, plan.id)?,
            None => None,
        }
        .ok_or(NotFound)?;
        let this = Period::of(options.today);
        let periods = this
            .last(options.months)
            .into_iter()
            .filter(|p| *p >= Period::of(self.began) && *p <= reported_until);
        let mut filed = Filed {
            reports: 0,
            escalations: 0,
        };
        let mut story = Story::new(self.budget);
        let mut unanswered = Vec::new();
        for period in periods {
            story.advance(rng);
            if period == this {
                // The running month: usually nobody has started its report yet.
                if rng.chance(15) {
                    reports::create(conn, id, period, self.lead)?;
                }
                continue;
            }
            // Now and then a month is never reported.
            if filed.reports > 0 && rng.chance(3) {
                continue;
            }
            let due = period.due_on(due_day);
            let submitted_on = if rng.chance(7) {
                due + Duration::days(rng.between(1, 15))
            } else {
                due - Duration::days(rng.between(0, 6))
            }
            .min(options.today);
            let filing = story.filing(rng, &basis, period, self, submitted_on, cast);
            let escalated = filing.content.escalation.is_some();
            let report = file(conn, id, &filing)?;
            filed.reports += 1;
            if escalated {
                filed.escalations += 1;
                unanswered.push((report.id, submitted_on));
            }
        }
        self.answer_some(conn, rng, (id, cast), unanswered, options.today)?;
        Ok(filed)
    }

    /// Who records a decision of `body` for this project.
    fn recorder(&self, body: Body, cast: &Cast) -> i64 {
        match body {
            Body::SteeringGroup => self.commissioner,
            Body::ManagementGroup => cast.management_group_member,
            _ => cast.development_manager,
        }
    }

    fn phase_change(
        &self,
        conn: &mut DbConnection,
        id: i64,
        from: Phase,
        to: Phase,
        cast: &Cast,
        days: i64,
    ) -> QueryResult<()> {
        let body = match to {
            Phase::PreStudy => Body::DevelopmentManager,
            Phase::Maintenance => Body::ManagementGroup,
            _ => Body::SteeringGroup,
        };
        let by = self.recorder(body, cast);
        self.phase_change_by(conn, id, (from, to), body, by, days)
    }

    fn phase_change_by(
        &self,
        conn: &mut DbConnection,
        id: i64,
        (from, to): (Phase, Phase),
        body: Body,
        by: i64,
        days: i64,
    ) -> QueryResult<()> {
        let input = PhaseDecisionInput {
            to,
            decided_on: self.day(days),
            text: format!(
                "Projektet går över till fasen {}.",
                crate::i18n::t(Default::default(), to.label_key()).to_lowercase()
            ),
        };
        governance::record_phase_change(conn, id, from, &input, body, by)?;
        Ok(())
    }

    /// The commissioner's directive, submitted and approved by the body the app's rules name.
    fn directive(
        &self,
        conn: &mut DbConnection,
        project_id: i64,
        kind: DirectiveKind,
        cast: &Cast,
    ) -> QueryResult<(i64, Body)> {
        let content = DirectiveContent {
            background: "Arbetet görs i dag manuellt och på papper.".into(),
            purpose: format!("{} ger kortare handläggningstider.", self.name),
            goals: vec![
                "Handläggningstiden halveras".into(),
                "Inga uppgifter skrivs in två gånger".into(),
            ],
            scope: "Enhetens handläggning.".into(),
            out_of_scope: "Andra enheters system.".into(),
            deliverables: "Ett system i drift, rutiner och utbildning.".into(),
            time_frame_start: Some(self.day(10)),
            time_frame_end: Some(self.day(10 + self.length)),
            budget_frame_sek: Some(self.budget),
            resources: String::new(),
            dependencies: String::new(),
            strategic: self.budget > 3_000_000,
            personal_data: true,
            sensitive_personal_data: false,
            dpia_needed: false,
            osl_confidentiality: true,
            legal_notes: String::new(),
        };
        let author = self.commissioner;
        let id = directives::create(conn, project_id, kind, 1, &content, author)?;
        let authors = Authors {
            created_by: author,
            edited_by: None,
            submitted_by: Some(author),
        };
        let body = directives::deciding_body(conn, &content, &authors)?;
        let version = VersionId { project_id, id };
        let submission = Submission {
            body,
            by: author,
            on: self.day(-8),
        };
        taken(documents::submit::<Directives>(
            conn,
            version,
            Status::Draft,
            &submission,
        )?)?;
        let verdict = Verdict {
            decided_on: self.day(-3),
            text: "Direktivet godkänns.".into(),
            reason: None,
        };
        let by = self.recorder(body, cast);
        taken(documents::decide::<Directives>(conn, version, body, &verdict, by)?.is_some())?;
        Ok((id, body))
    }

    /// The lead's plan: milestones across the project's length, a budget, risks and a benefit;
    /// submitted and approved by the steering group on `decided`.
    fn plan(
        &self,
        conn: &mut DbConnection,
        project_id: i64,
        directive_id: i64,
        decided: NaiveDate,
    ) -> QueryResult<()> {
        let draft = plans::start(
            conn,
            project_id,
            directive_id,
            self.lead,
            &PlanContent::default(),
        )?;
        let start = self.day(10);
        let year = start.year();
        let content = PlanContent {
            goal_answers: draft
                .directive
                .goals
                .iter()
                .map(|g| (g.id, "Följs upp i statusrapporten varje månad.".to_owned()))
                .collect(),
            milestones: MILESTONES
                .iter()
                .enumerate()
                .map(|(i, name)| Milestone {
                    name: (*name).into(),
                    planned_on: start + Duration::days(self.length * (i as i64 + 1) / 4),
                    actual_on: None,
                })
                .collect(),
            budget: vec![
                BudgetLine {
                    year,
                    category: BudgetCategory::Staff,
                    amount_sek: self.budget / 2,
                },
                BudgetLine {
                    year: year + 1,
                    category: BudgetCategory::Consultants,
                    amount_sek: self.budget - self.budget / 2,
                },
            ],
            risks: vec![Risk {
                description: "Leverantören blir försenad".into(),
                probability: 3,
                consequence: 3,
                mitigation: "Vite i avtalet; veckovis avstämning".into(),
                owner: "Projektledaren".into(),
            }],
            benefits: vec![Benefit {
                indicator: "Handläggningstid".into(),
                baseline: "Mäts vid projektstart".into(),
                target: "Halverad".into(),
                measured_on: Some(start + Duration::days(self.length + 365)),
                owner: "Enhetschefen".into(),
            }],
            communication: "Information på arbetsplatsträffar.".into(),
            handover_owner: "Förvaltningsledaren".into(),
            maintenance_object: "Verksamhetens IT-stöd".into(),
            over_frame_reason: String::new(),
            ..PlanContent::default()
        };
        let lock_version = draft.plan.lock_version;
        taken(plans::save(conn, &draft, lock_version, &content, self.lead)? == Saved::Yes)?;
        let version = VersionId {
            project_id,
            id: draft.plan.id,
        };
        let submission = Submission {
            body: Body::SteeringGroup,
            by: self.lead,
            on: decided - Duration::days(1),
        };
        taken(documents::submit::<Plans>(
            conn,
            version,
            Status::Draft,
            &submission,
        )?)?;
        let submitted = plans::find(conn, project_id, version.id)?.ok_or(NotFound)?;
        let body = plans::deciding_body(conn, &submitted)?;
        let by = match body {
            Body::SteeringGroup => self.commissioner,
            _ => self.lead,
        };
        let verdict = Verdict {
            decided_on: decided,
            text: "Projektplanen godkänns.".into(),
            reason: None,
        };
        taken(documents::decide::<Plans>(conn, version, body, &verdict, by)?.is_some())
    }

    /// The steering group answers most of its escalations a week or two after they were raised;
    /// some stay open.
    fn answer_some(
        &self,
        conn: &mut DbConnection,
        rng: &mut Rng,
        (project_id, cast): (i64, &Cast),
        raised: Vec<(i64, NaiveDate)>,
        today: NaiveDate,
    ) -> QueryResult<()> {
        for (report_id, raised_on) in raised {
            let decided_on = raised_on + Duration::days(rng.between(3, 14));
            if decided_on > today || !rng.chance(70) {
                continue;
            }
            for escalation in reports::escalations_of(conn, &[report_id])? {
                // The steering group answers with a decision of its own; the other bodies'
                // answers have no decision kind yet, so their escalations stay open.
                if escalation.to() != Some(EscalationTo::SteeringGroup) {
                    continue;
                }
                let body = Body::SteeringGroup;
                let by = self.recorder(body, cast);
                let decision = decisions::record(
                    conn,
                    &decisions::NewDecision {
                        body,
                        project_id: Some(project_id),
                        decided_on,
                        kind: DecisionKind::SteeringDecision,
                        text: "Eskaleringen besvaras: projektet fortsätter enligt reviderad tidplan.",
                        phase_from: None,
                        phase_to: None,
                        recorded_by: by,
                        meeting_id: None,
                        extras: Default::default(),
                    },
                )?;
                taken(reports::answer(conn, &escalation, decision.id, by)?)?;
            }
        }
        Ok(())
    }
}

fn taken(done: bool) -> QueryResult<()> {
    if done { Ok(()) } else { Err(NotFound) }
}

/// A project's health from month to month: a light for each aspect the lead rates, and how late
/// and how far over budget it runs.
struct Story {
    budget: i64,
    time: Light,
    cost: Light,
    scope: Light,
    resources: Light,
    risk: Light,
    spent: i64,
}

impl Story {
    fn new(budget: i64) -> Story {
        Story {
            budget,
            time: Light::Green,
            cost: Light::Green,
            scope: Light::Green,
            resources: Light::Green,
            risk: Light::Green,
            spent: 0,
        }
    }

    fn advance(&mut self, rng: &mut Rng) {
        self.time = next_light(rng, self.time);
        self.cost = next_light(rng, self.cost);
        self.scope = next_light(rng, self.scope);
        self.resources = next_light(rng, self.resources);
        self.risk = next_light(rng, self.risk);
    }

    /// Days the next milestone slips for the story's time light, given the tolerance.
    fn slip(&self, rng: &mut Rng, tolerance: i64) -> i64 {
        match self.time {
            Light::Green => 0,
            Light::Amber => rng.between(1, tolerance.max(1)),
            Light::Red => tolerance + rng.between(5, 60),
        }
    }

    /// The forecast at completion for the story's cost light, given the tolerance in percent.
    fn forecast(&self, rng: &mut Rng, budget: i64, tolerance: i64) -> i64 {
        let percent = match self.cost {
            Light::Green => rng.between(-5, 0),
            Light::Amber => rng.between(1, tolerance.max(1)),
            Light::Red => tolerance + rng.between(3, 20),
        };
        budget + budget * percent / 100
    }

    fn filing<'a>(
        &mut self,
        rng: &mut Rng,
        basis: &PlanBasis,
        period: Period,
        project: &Generated,
        submitted_on: NaiveDate,
        cast: &Cast,
    ) -> Filing<'a> {
        let slip = self.slip(rng, basis.time_tolerance_days);
        let updates = milestone_updates(basis, period, slip);
        let forecast = self.forecast(rng, basis.budget_sek, basis.cost_tolerance_percent);
        let computed = basis.computed(&updates, Some(forecast), submitted_on);
        let late_milestone = basis
            .milestones
            .iter()
            .find(|m| m.planned_on + Duration::days(slip) > period.last_day())
            .map_or("", |m| m.name.as_str())
            .to_owned();
        let lights = rated(
            Some(computed),
            [
                (Aspect::Scope, self.scope),
                (Aspect::Resources, self.resources),
                (Aspect::Risk, self.risk),
            ],
            |aspect, light| comment(aspect, light, &late_milestone),
        );
        let escalation = if computed.is_exception() {
            Some(Escalation {
                text: "Prognosen går utöver planens tolerans. Styrgruppen ombeds besluta om \
                       åtgärder."
                    .into(),
                kind: if computed.time == Light::Red {
                    EscalationKind::Strategic
                } else {
                    EscalationKind::Economic
                },
                to: EscalationTo::SteeringGroup,
            })
        } else if self.resources == Light::Red && rng.chance(50) {
            Some(Escalation {
                text: "Projektet behöver förstärkning med nyckelkompetens.".into(),
                kind: EscalationKind::Economic,
                to: *rng.pick(&[
                    EscalationTo::DevelopmentManager,
                    EscalationTo::ManagementGroup,
                ]),
            })
        } else {
            None
        };
        self.spent += self.budget / 24;
        Filing {
            period,
            content: ReportContent {
                lights,
                done: "Arbetet enligt plan för månaden.".into(),
                next: "Nästa steg enligt planen.".into(),
                risks: "Inga nya risker.".into(),
                cost_to_date_sek: Some(self.spent.min(forecast)),
                forecast_sek: Some(forecast),
                escalation,
            },
            updates,
            by: project.lead,
            submitted_on,
            review: rng
                .chance(85)
                .then_some((cast.development_manager, "Läst.")),
        }
    }
}

/// The milestones as of the end of `period`: those due before are reached as planned, the next
/// one is forecast `slip` days late, the rest as planned.
fn milestone_updates(basis: &PlanBasis, period: Period, slip: i64) -> Vec<MilestoneUpdate> {
    let mut next_found = false;
    basis
        .milestones
        .iter()
        .map(|m| {
            let expected = m.planned_on + Duration::days(slip);
            if next_found || expected > period.last_day() {
                let first = !next_found;
                next_found = true;
                MilestoneUpdate {
                    milestone_id: m.id,
                    actual_on: None,
                    forecast_on: (first && slip > 0).then_some(expected),
                }
            } else {
                MilestoneUpdate {
                    milestone_id: m.id,
                    actual_on: Some(m.planned_on),
                    forecast_on: None,
                }
            }
        })
        .collect()
}

fn comment(aspect: Aspect, light: Light, milestone: &str) -> String {
    let red = light == Light::Red;
    match aspect {
        Aspect::Overall if red => "Projektet behöver styrgruppens beslut; se delarna.".into(),
        Aspect::Overall => "Avvikelser inom toleranserna; se delarna.".into(),
        Aspect::Time if red => format!("{milestone} försenas utöver planens tolerans."),
        Aspect::Time => format!("{milestone} försenas några veckor, inom toleransen."),
        Aspect::Cost if red => "Prognosen överskrider budgeten utöver toleransen.".into(),
        Aspect::Cost => "Prognosen ligger något över budget, inom toleransen.".into(),
        Aspect::Scope if red => "Omfattningen måste omprövas.".into(),
        Aspect::Scope => "En del av leveransen skjuts till nästa etapp.".into(),
        Aspect::Resources if red => "Projektet saknar nyckelkompetens.".into(),
        Aspect::Resources => "Nyckelpersoner är delvis upptagna i ordinarie arbete.".into(),
        Aspect::Risk if red => "En allvarlig risk har inträffat.".into(),
        Aspect::Risk => "En risk i planen bedöms ha ökat.".into(),
    }
}

/// Whether the database has data: any user or project.
pub fn has_data(conn: &mut DbConnection) -> QueryResult<bool> {
    use super::schema::projects;
    let projects: i64 = projects::table.count().get_result(conn)?;
    Ok(users::count(conn)? > 0 || projects > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_stays_in_range() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..1000 {
            let n = a.between(-3, 9);
            assert_eq!(n, b.between(-3, 9));
            assert!((-3..=9).contains(&n));
        }
        assert_eq!(Rng::new(1).between(5, 5), 5);
    }

    #[test]
    fn lights_are_mostly_green_with_some_red_that_recovers() {
        let mut rng = Rng::new(42);
        let mut light = Light::Green;
        let mut counts = [0usize; 3];
        let mut recovered = false;
        for _ in 0..10_000 {
            let next = next_light(&mut rng, light);
            recovered |= light == Light::Red && next != Light::Red;
            light = next;
            counts[light as usize] += 1;
        }
        assert!(counts[0] > counts[1] && counts[1] > counts[2], "{counts:?}");
        assert!(counts[2] > 0 && recovered);
    }

    #[test]
    fn most_projects_are_in_execution() {
        let execution = (0..100)
            .filter(|r| phase_for(*r) == Phase::Execution)
            .count();
        assert!(execution > 50);
        for phase in [
            Phase::Idea,
            Phase::PreStudy,
            Phase::Planning,
            Phase::Closing,
            Phase::Maintenance,
        ] {
            assert!((0..100).any(|r| phase_for(r) == phase), "{phase:?}");
        }
    }
}
