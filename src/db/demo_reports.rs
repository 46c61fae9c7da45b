//! The demo's year of monthly status reports: the stories a newcomer should find in the portfolio
//! (the supplier delay that turns DIG-2025-003 red on time and escalates to its steering group,
//! the strained resources of DIG-2025-002 since the summer's queues, a late report), filed through
//! `db::reports` as the leads and the development manager would, so the audit trail is the app's.
//!
//! [`file`] is also how `styr generate` files its reports.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use diesel::result::Error::NotFound;

use super::reports::{self, Draft, PlanBasis};
use super::schema::{projects, users};
use super::{DbConnection, decisions, settings};
use crate::domain::decision::{Body, DecisionKind};
use crate::domain::phase::Phase;
use crate::domain::portfolio::status::last_due_period;
use crate::domain::status_report::{
    Aspect, Escalation, EscalationKind, EscalationTo, Light, MilestoneUpdate, Period, Rated,
    ReportContent, check_submittable,
};

/// One report to file: its content as the lead submits it, on which day, and the development
/// manager's review if there is one.
pub struct Filing<'a> {
    pub period: Period,
    pub content: ReportContent,
    pub updates: Vec<MilestoneUpdate>,
    pub by: i64,
    pub submitted_on: NaiveDate,
    /// The reviewer and the review's comment.
    pub review: Option<(i64, &'a str)>,
}

/// What a filed report turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filed {
    pub id: i64,
    pub exception: bool,
}

/// Creates, saves, submits and (when asked) reviews a report, as the app's handlers would. A step
/// that does not go through (or an exception report without an escalation to the steering group)
/// is an error, so the caller's transaction is rolled back.
pub fn file(conn: &mut DbConnection, project_id: i64, filing: &Filing) -> QueryResult<Filed> {
    let id = reports::create(conn, project_id, filing.period, filing.by)?;
    let row = reports::find(conn, project_id, id)?.ok_or(NotFound)?;
    let basis = match row.plan_id {
        Some(plan_id) => reports::plan_basis(conn, plan_id)?,
        None => None,
    };
    let exception = basis.as_ref().is_some_and(|basis| {
        basis
            .computed(
                &filing.updates,
                filing.content.forecast_sek,
                filing.submitted_on,
            )
            .is_exception()
    });
    let escalations = filing.content.escalation.iter().map(|e| e.to);
    check_submittable(exception, escalations).map_err(|_| NotFound)?;
    let draft = Draft {
        content: &filing.content,
        updates: &filing.updates,
        exception,
    };
    taken(reports::save(
        conn,
        &row,
        row.lock_version,
        &draft,
        filing.by,
    )?)?;
    let row = reports::find(conn, project_id, id)?.ok_or(NotFound)?;
    taken(reports::submit(conn, &row, filing.by, filing.submitted_on)?)?;
    if let Some((reviewer, comment)) = filing.review {
        taken(reports::review(conn, &row, reviewer, comment)?)?;
    }
    Ok(Filed { id, exception })
}

fn taken(done: bool) -> QueryResult<()> {
    if done { Ok(()) } else { Err(NotFound) }
}

/// The lights of a report: the time and cost lights Styr computes from the plan (so they always
/// agree with the forecasts), the others as given, and the overall light no better than the
/// worst of them. `comment` gives the comment of a light that is not green.
pub fn rated(
    computed: Option<reports::Computed>,
    given: [(Aspect, Light); 3],
    comment: impl Fn(Aspect, Light) -> String,
) -> Vec<Rated> {
    let (time, cost) = computed.map_or((Light::Green, Light::Green), |c| (c.time, c.cost));
    let mut lights = vec![(Aspect::Time, time), (Aspect::Cost, cost)];
    lights.extend(given);
    let overall = lights
        .iter()
        .map(|(_, light)| *light)
        .max()
        .unwrap_or(Light::Green);
    let mut all = vec![(Aspect::Overall, overall)];
    all.extend(lights);
    Aspect::ALL
        .into_iter()
        .filter_map(|aspect| all.iter().find(|(a, _)| *a == aspect).copied())
        .map(|(aspect, light)| Rated {
            aspect,
            light,
            comment: if light == Light::Green {
                String::new()
            } else {
                comment(aspect, light)
            },
        })
        .collect()
}

/// The milestone updates of a report for `period` whose milestones are expected `slip(i)` days
/// after their planned day (`i` the milestone's position): reached on that day once it is past
/// (by the end of the period), forecast on it otherwise.
pub fn updates_for(
    basis: &PlanBasis,
    period: Period,
    slip: impl Fn(usize, NaiveDate) -> i64,
) -> Vec<MilestoneUpdate> {
    basis
        .milestones
        .iter()
        .enumerate()
        .map(|(i, milestone)| {
            let expected = milestone.planned_on + Duration::days(slip(i, milestone.planned_on));
            if expected <= period.last_day() {
                MilestoneUpdate {
                    milestone_id: milestone.id,
                    actual_on: Some(expected),
                    forecast_on: None,
                }
            } else {
                MilestoneUpdate {
                    milestone_id: milestone.id,
                    actual_on: None,
                    forecast_on: (expected != milestone.planned_on).then_some(expected),
                }
            }
        })
        .collect()
}

/// What a demo story needs to know about its project.
struct Project {
    id: i64,
    lead: i64,
    budget: i64,
    basis: Option<PlanBasis>,
    /// The periods it reports, oldest first: the last twelve, from the one its planning began in,
    /// up to the period before this one (this month's report is not due yet).
    periods: Vec<Period>,
}

struct Seeder {
    today: NaiveDate,
    due_day: u32,
    reviewer: i64,
}

impl Seeder {
    /// The day a report is submitted: two days before it is due, `late` days after when late, and
    /// never after today.
    fn submitted_on(&self, period: Period, late: Option<i64>) -> NaiveDate {
        let due = period.due_on(self.due_day);
        let on = match late {
            Some(days) => due + Duration::days(days),
            None => due - Duration::days(2),
        };
        on.min(self.today)
    }

    fn project(&self, conn: &mut DbConnection, code: &str) -> QueryResult<Project> {
        let (id, lead, budget): (i64, Option<i64>, Option<i64>) = projects::table
            .filter(projects::code.eq(code))
            .select((
                projects::id,
                projects::project_lead_id,
                projects::budget_sek,
            ))
            .first(conn)?;
        let basis = match super::plans::newest_approved(conn, id)? {
            Some(plan) => reports::plan_basis(conn, plan.id)?,
            None => None,
        };
        let planning_began = planning_began(conn, id)?.unwrap_or(self.today);
        let this = Period::of(self.today);
        let periods = this
            .last(13)
            .into_iter()
            .filter(|p| *p < this && *p >= Period::of(planning_began))
            .collect();
        Ok(Project {
            id,
            lead: lead.ok_or(NotFound)?,
            budget: budget.unwrap_or(0),
            basis,
            periods,
        })
    }
}

/// The day the project's planning was decided, if it was.
fn planning_began(conn: &mut DbConnection, project_id: i64) -> QueryResult<Option<NaiveDate>> {
    use super::schema::decisions as d;
    d::table
        .filter(d::project_id.eq(project_id))
        .filter(d::kind.eq(DecisionKind::PhaseChange.as_str()))
        .filter(d::phase_to.eq(Phase::Planning.as_str()))
        .select(d::decided_on)
        .first(conn)
        .optional()
}

fn user_id(conn: &mut DbConnection, username: &str) -> QueryResult<i64> {
    users::table
        .filter(users::username.eq(username))
        .select(users::id)
        .first(conn)
}

/// Cost to date: the budget spent evenly over the reported periods so far.
fn spent(budget: i64, index: usize, of: usize) -> i64 {
    let share = (index + 1) as i64;
    budget * share / (of as i64 + 4)
}

/// Files the demo's reports, inside the demo's transaction, after its governance is seeded, and
/// issues the development manager's roll-up to the management group of the period before the last
/// one due (the last one due is left for the development manager to issue).
pub fn seed(conn: &mut DbConnection, today: NaiveDate) -> QueryResult<()> {
    let seeder = Seeder {
        today,
        due_day: settings::reporting(conn)?.due_day,
        reviewer: user_id(conn, "utvecklingschef")?,
    };
    supplier_delay(conn, &seeder)?;
    strained_resources(conn, &seeder)?;
    specialists_time(conn, &seeder)?;
    closing_delivery(conn, &seeder)?;
    for code in ["DIG-2025-004", "DIG-2026-010"] {
        planning(conn, &seeder, code)?;
    }
    issue_rollup(conn, &seeder)
}

/// The roll-up of the period before the last one due, issued by the development manager as the
/// page issues it.
fn issue_rollup(conn: &mut DbConnection, seeder: &Seeder) -> QueryResult<()> {
    let period = last_due_period(seeder.today, seeder.due_day).previous();
    let name = super::users::find(conn, seeder.reviewer)?
        .ok_or(NotFound)?
        .display_name;
    let content = super::rollups::compute(conn, period, seeder.today, &name)?;
    super::rollups::issue(conn, &content, seeder.reviewer)?;
    Ok(())
}

/// DIG-2025-003: the supplier's integration is late. The last milestone slips first within the
/// plan's tolerance (amber), then beyond it (red): exception reports, each escalated to the
/// steering group, which answers all but the newest.
fn supplier_delay(conn: &mut DbConnection, seeder: &Seeder) -> QueryResult<()> {
    let project = seeder.project(conn, "DIG-2025-003")?;
    let basis = project.basis.clone().ok_or(NotFound)?;
    let chair = user_id(conn, "peter.wallin")?;
    let last = basis.milestones.len().saturating_sub(1);
    let count = project.periods.len();
    let mut raised = Vec::new();
    for (index, period) in project.periods.iter().copied().enumerate() {
        // The delay is known two months before the last milestone was due; once the period has
        // passed the promised day, the supplier promises a new one six weeks on.
        let delay_known =
            period.last_day() >= basis.milestones[last].planned_on - Duration::days(60);
        let slip = |i: usize, planned: NaiveDate| -> i64 {
            if i != last || !delay_known {
                return 0;
            }
            let promised = planned + Duration::days(25);
            if period.last_day() < promised {
                25
            } else {
                (period.last_day() + Duration::days(45) - planned).num_days()
            }
        };
        let updates = updates_for(&basis, period, slip);
        let forecast = if delay_known {
            project.budget * 106 / 100
        } else {
            project.budget
        };
        let computed = basis.computed(&updates, Some(forecast), period.last_day());
        let lights = rated(
            Some(computed),
            [
                (Aspect::Scope, Light::Green),
                (Aspect::Resources, Light::Green),
                (
                    Aspect::Risk,
                    if delay_known {
                        Light::Amber
                    } else {
                        Light::Green
                    },
                ),
            ],
            |aspect, light| match (aspect, light) {
                (Aspect::Time, Light::Red) => {
                    "Leverantörens integration mot verksamhetssystemet är försenad; införandet \
                     ligger utanför planens tolerans."
                        .into()
                }
                (Aspect::Time, _) => "Leverantören har aviserat en försening av integrationen; \
                                      införandet flyttas men ryms i toleransen."
                    .into(),
                (Aspect::Cost, _) => "Förseningen ger fler konsulttimmar; prognosen ligger över \
                                      budget men inom toleransen."
                    .into(),
                (Aspect::Risk, _) => "Risken att leverantören försenas har inträffat.".into(),
                _ => "Tidsplanen håller inte på grund av leverantörens försening.".into(),
            },
        );
        let escalation = computed.is_exception().then(|| Escalation {
            text: "Leverantörens försening gör att införandet inte ryms i planens tolerans. \
                   Styrgruppen ombeds besluta om ny tidplan eller vite."
                .into(),
            kind: EscalationKind::Strategic,
            to: EscalationTo::SteeringGroup,
        });
        let content = ReportContent {
            lights,
            done: "Handläggarna testar e-tjänsten i testmiljön; rutinerna för handläggning är \
                   klara."
                .into(),
            next: "Avstämning varje vecka med leverantören om integrationen.".into(),
            risks: "Leverantörens försening; sekretessen i bilagor.".into(),
            cost_to_date_sek: Some(spent(project.budget, index, count)),
            forecast_sek: Some(forecast),
            escalation,
        };
        let newest = index + 1 == count;
        let filing = Filing {
            period,
            content,
            updates,
            by: project.lead,
            submitted_on: seeder.submitted_on(period, None),
            review: (!newest)
                .then_some((seeder.reviewer, "Läst. Följ upp leverantörens nya tidplan.")),
        };
        let filed = file(conn, project.id, &filing)?;
        if filed.exception && !newest {
            raised.push((filed.id, filing.submitted_on));
        }
    }
    // The steering group answers each escalation a week after it was raised; the newest is open.
    for (report_id, raised_on) in raised {
        let decided_on = raised_on + Duration::days(7);
        if decided_on > seeder.today {
            continue;
        }
        for escalation in reports::escalations_of(conn, &[report_id])? {
            let decision = decisions::record(
                conn,
                &decisions::NewDecision {
                    body: Body::SteeringGroup,
                    project_id: Some(project.id),
                    decided_on,
                    kind: DecisionKind::SteeringDecision,
                    text: "Styrgruppen godtar leverantörens nya tidplan och begär veckovis \
                           rapportering av integrationen.",
                    phase_from: None,
                    phase_to: None,
                    recorded_by: chair,
                    meeting_id: None,
                    extras: Default::default(),
                },
            )?;
            taken(reports::answer(conn, &escalation, decision.id, chair)?)?;
        }
    }
    Ok(())
}

/// DIG-2025-002: the summer's long queues took the case officers off the project, and its
/// resources have been amber since; one report came in late, and this month's is still open.
fn strained_resources(conn: &mut DbConnection, seeder: &Seeder) -> QueryResult<()> {
    let project = seeder.project(conn, "DIG-2025-002")?;
    let count = project.periods.len();
    for (index, period) in project.periods.iter().copied().enumerate() {
        let strained = index + 6 >= count;
        let late = index + 4 == count;
        let updates = project
            .basis
            .as_ref()
            .map(|basis| updates_for(basis, period, |_, _| 0))
            .unwrap_or_default();
        let computed = project
            .basis
            .as_ref()
            .map(|basis| basis.computed(&updates, Some(project.budget), period.last_day()));
        let resources = if strained { Light::Amber } else { Light::Green };
        let lights = rated(
            computed,
            [
                (Aspect::Scope, Light::Green),
                (Aspect::Resources, resources),
                (Aspect::Risk, Light::Green),
            ],
            |aspect, _| match aspect {
                Aspect::Resources => "Långa köer i färdtjänsthandläggningen sedan i somras; två \
                                      handläggare har gått tillbaka till ordinarie arbete."
                    .into(),
                _ => "Resurserna är ansträngda sedan sommarens köer.".into(),
            },
        );
        let escalation = (index + 5 == count).then(|| Escalation {
            text: "Projektet behöver en handläggare på halvtid under hösten för att hålla \
                   tidplanen."
                .into(),
            kind: EscalationKind::Economic,
            to: EscalationTo::DevelopmentManager,
        });
        let content = ReportContent {
            lights,
            done: "E-tjänsten för ny ansökan är i drift; förlängning testas.".into(),
            next: "Informationsmaterial till medborgarna och integration för förlängning.".into(),
            risks: "Handläggarnas tid räcker inte till både köerna och projektet.".into(),
            cost_to_date_sek: Some(spent(project.budget, index, count)),
            forecast_sek: Some(project.budget),
            escalation,
        };
        let filing = Filing {
            period,
            content,
            updates,
            by: project.lead,
            submitted_on: seeder.submitted_on(period, late.then_some(6)),
            review: Some((
                seeder.reviewer,
                if late {
                    "Läst. Rapporten kom in efter förfallodagen."
                } else {
                    "Läst, inga frågor."
                },
            )),
        };
        file(conn, project.id, &filing)?;
    }
    Ok(())
}

/// DIG-2026-008: the specialists' time is the constraint; resources go amber and back, and the
/// last milestone is forecast a little late, within the tolerance.
fn specialists_time(conn: &mut DbConnection, seeder: &Seeder) -> QueryResult<()> {
    let project = seeder.project(conn, "DIG-2026-008")?;
    let count = project.periods.len();
    for (index, period) in project.periods.iter().copied().enumerate() {
        let strained = index % 3 == 1;
        let updates = project
            .basis
            .as_ref()
            .map(|basis| {
                let last = basis.milestones.len().saturating_sub(1);
                updates_for(basis, period, |i, _| {
                    if i == last && index + 2 >= count {
                        15
                    } else {
                        0
                    }
                })
            })
            .unwrap_or_default();
        let computed = project
            .basis
            .as_ref()
            .map(|basis| basis.computed(&updates, Some(project.budget), period.last_day()));
        let lights = rated(
            computed,
            [
                (Aspect::Scope, Light::Green),
                (
                    Aspect::Resources,
                    if strained { Light::Amber } else { Light::Green },
                ),
                (Aspect::Risk, Light::Green),
            ],
            |aspect, _| match aspect {
                Aspect::Time => "Genomgången av mallarna tar längre tid än planerat; inom \
                                 toleransen."
                    .into(),
                Aspect::Resources => {
                    "Systemförvaltarnas tid går till en uppgradering denna månad.".into()
                }
                _ => "Specialisternas tid är begränsningen.".into(),
            },
        );
        let content = ReportContent {
            lights,
            done: "Behörigheterna är genomgångna för två av tre enheter.".into(),
            next: "Mallar och rutiner för den tredje enheten.".into(),
            risks: "Systemförvaltarnas tid.".into(),
            cost_to_date_sek: Some(spent(project.budget, index, count)),
            forecast_sek: Some(project.budget),
            escalation: None,
        };
        let newest = index + 1 == count;
        let filing = Filing {
            period,
            content,
            updates,
            by: project.lead,
            submitted_on: seeder.submitted_on(period, None),
            review: (!newest).then_some((seeder.reviewer, "Läst.")),
        };
        file(conn, project.id, &filing)?;
    }
    Ok(())
}

/// DIG-2026-006: delivered to plan, one amber month on scope, now closing.
fn closing_delivery(conn: &mut DbConnection, seeder: &Seeder) -> QueryResult<()> {
    let project = seeder.project(conn, "DIG-2026-006")?;
    let count = project.periods.len();
    for (index, period) in project.periods.iter().copied().enumerate() {
        let updates = project
            .basis
            .as_ref()
            .map(|basis| updates_for(basis, period, |_, _| 0))
            .unwrap_or_default();
        let forecast = project.budget * 95 / 100;
        let computed = project
            .basis
            .as_ref()
            .map(|basis| basis.computed(&updates, Some(forecast), period.last_day()));
        let scope = if index == count / 2 {
            Light::Amber
        } else {
            Light::Green
        };
        let lights = rated(
            computed,
            [
                (Aspect::Scope, scope),
                (Aspect::Resources, Light::Green),
                (Aspect::Risk, Light::Green),
            ],
            |_, _| "Nattpersonalen önskar utskrift av listorna; frågan utreds inom ramen.".into(),
        );
        let content = ReportContent {
            lights,
            done: if index + 1 == count {
                "Slutrapporten är utkastad.".into()
            } else {
                "Signeringslistorna används i fler grupper.".into()
            },
            next: "Överlämning till förvaltningen.".into(),
            risks: String::new(),
            cost_to_date_sek: Some(forecast * (index as i64 + 1) / count.max(1) as i64),
            forecast_sek: Some(forecast),
            escalation: None,
        };
        let filing = Filing {
            period,
            content,
            updates,
            by: project.lead,
            submitted_on: seeder.submitted_on(period, None),
            review: Some((seeder.reviewer, "Läst.")),
        };
        file(conn, project.id, &filing)?;
    }
    Ok(())
}

/// A project in planning, without an approved plan: green reports while the plan is written.
fn planning(conn: &mut DbConnection, seeder: &Seeder, code: &str) -> QueryResult<()> {
    let project = seeder.project(conn, code)?;
    for period in project.periods.iter().copied() {
        let content = ReportContent {
            lights: rated(
                None,
                [
                    (Aspect::Scope, Light::Green),
                    (Aspect::Resources, Light::Green),
                    (Aspect::Risk, Light::Green),
                ],
                |_, _| String::new(),
            ),
            done: "Projektplanen skrivs.".into(),
            next: "Planen lämnas till styrgruppen.".into(),
            risks: String::new(),
            cost_to_date_sek: Some(0),
            forecast_sek: None,
            escalation: None,
        };
        let filing = Filing {
            period,
            content,
            updates: Vec::new(),
            by: project.lead,
            submitted_on: seeder.submitted_on(period, None),
            review: Some((seeder.reviewer, "Läst.")),
        };
        file(conn, project.id, &filing)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overall_light_is_the_worst_and_every_light_but_green_has_a_comment() {
        let computed = reports::Computed {
            time: Light::Red,
            cost: Light::Green,
        };
        let lights = rated(
            Some(computed),
            [
                (Aspect::Scope, Light::Green),
                (Aspect::Resources, Light::Amber),
                (Aspect::Risk, Light::Green),
            ],
            |aspect, _| format!("{aspect:?}"),
        );
        let order: Vec<Aspect> = lights.iter().map(|r| r.aspect).collect();
        assert_eq!(order, Aspect::ALL.to_vec());
        assert_eq!(lights[0].light, Light::Red);
        for rated in &lights {
            assert_eq!(rated.comment.is_empty(), rated.light == Light::Green);
        }
    }

    #[test]
    fn a_reported_period_starts_the_cost_at_a_share_of_the_budget() {
        assert!(spent(1_000, 0, 12) < spent(1_000, 11, 12));
        assert!(spent(1_000, 11, 12) < 1_000);
    }
}
