//! Years of decisions for `styr generate --decision-years N`: about [`PER_YEAR`] a year across
//! the management group, the development manager (under delegation) and the projects' steering
//! groups, in Swedish from a small vocabulary, recorded oldest first through
//! `db::decisions::record` so that they are numbered and audited as the app numbers them. For the
//! benchmark of the log's search (`benches/decision_search.sh`): the word
//! [`RECENT_TERM`] occurs only in decisions of the last two years, so a search for it finds about
//! as many decisions in 2 years of log as in 20.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;

use super::DbConnection;
use super::decisions::{self, Extras, NewDecision};
use super::generate::Rng;
use super::schema::projects;
use crate::domain::decision::{Body, DecisionKind};

/// Decisions a year, over all bodies.
pub const PER_YEAR: usize = 500;

/// A word only the last two years' decisions hold (about one in five of them).
pub const RECENT_TERM: &str = "välfärdsteknikprogrammet";

const SUBJECTS: [&str; 16] = [
    "införande av digitala trygghetslarm i hemtjänsten",
    "upphandling av verksamhetssystem för äldreomsorgen",
    "förvaltning av e-tjänsten för ansökan om försörjningsstöd",
    "utbildning i informationssäkerhet för enhetschefer",
    "pilot med läkemedelsrobotar på särskilt boende",
    "övergång till digital dokumentation i LSS-verksamheten",
    "samverkan med regionen om samordnad individuell plan",
    "självservice för ansökan om färdtjänst",
    "avveckling av faxlösningen i socialjouren",
    "konsekvensbedömning enligt dataskyddsförordningen för familjerätten",
    "nattkameror i ordinärt boende",
    "gemensam förvaltning av mobila enheter",
    "digitala möten mellan handläggare och vårdnadshavare",
    "automatiserad handläggning av försörjningsstöd",
    "överföring av ärendehanteringen till förvaltning",
    "uppföljning av nyttor i välfärdstekniken",
];

const UNITS: [&str; 4] = [
    "Äldreenheten",
    "Omsorgsenheten",
    "Barn- och familjeenheten",
    "Försörjningsstödsenheten",
];

/// One decision to be, before it is numbered.
struct Draft {
    body: Body,
    project_id: Option<i64>,
    decided_on: NaiveDate,
    kind: DecisionKind,
    text: String,
    decided_by: Option<i64>,
    registry: bool,
    confidential: bool,
    follow_up: bool,
}

/// The people and projects the decisions are spread over.
struct Cast {
    management_group: Vec<i64>,
    development_managers: Vec<i64>,
    /// Projects with the members of their steering groups.
    steering: Vec<(i64, Vec<i64>)>,
    projects: Vec<i64>,
}

fn cast(conn: &mut DbConnection) -> QueryResult<Cast> {
    let ids = |people: Vec<super::users::Person>| people.into_iter().map(|p| p.id).collect();
    let management_group = ids(decisions::members_of(conn, Body::ManagementGroup, None)?);
    let development_managers = ids(decisions::members_of(conn, Body::DevelopmentManager, None)?);
    let projects: Vec<i64> = projects::table
        .order(projects::id)
        .select(projects::id)
        .load(conn)?;
    let mut steering = Vec::new();
    for project in &projects {
        let members: Vec<i64> = ids(decisions::members_of(
            conn,
            Body::SteeringGroup,
            Some(*project),
        )?);
        if !members.is_empty() {
            steering.push((*project, members));
        }
    }
    Ok(Cast {
        management_group,
        development_managers,
        steering,
        projects,
    })
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> Option<T> {
    (!items.is_empty()).then(|| *rng.pick(items))
}

fn text(rng: &mut Rng, kind: DecisionKind, recent: bool) -> String {
    let subject = rng.pick(&SUBJECTS);
    let unit = rng.pick(&UNITS);
    let amount = rng.between(1, 40) * 50_000;
    let mut text = match kind {
        DecisionKind::Strategic => {
            format!("Beslut att prioritera {subject} under året och att {unit} leder arbetet.")
        }
        DecisionKind::Economic => {
            format!("Beslut att avsätta {amount} kronor för {subject}; kostnaden belastar {unit}.")
        }
        DecisionKind::SteeringDecision => {
            format!("Styrgruppen godkänner tidplanen för {subject} och följer upp nästa månad.")
        }
        _ => format!("Beslut att ge {unit} i uppdrag att utreda {subject} och återrapportera."),
    };
    if recent && rng.chance(20) {
        text.push_str(" Ingår i Välfärdsteknikprogrammet.");
    }
    text
}

fn draft(rng: &mut Rng, cast: &Cast, decided_on: NaiveDate, recent: bool) -> Draft {
    let roll = rng.between(1, 100);
    let (body, kind, project_id, decided_by) = if roll <= 25 {
        let kind = *rng.pick(&[
            DecisionKind::Strategic,
            DecisionKind::Economic,
            DecisionKind::Other,
        ]);
        let project = if rng.chance(50) {
            pick(rng, &cast.projects)
        } else {
            None
        };
        (
            Body::ManagementGroup,
            kind,
            project,
            pick(rng, &cast.management_group),
        )
    } else if roll <= 55 || cast.steering.is_empty() {
        let kind = *rng.pick(&[DecisionKind::Economic, DecisionKind::Other]);
        let project = if rng.chance(50) {
            pick(rng, &cast.projects)
        } else {
            None
        };
        (
            Body::DevelopmentManager,
            kind,
            project,
            pick(rng, &cast.development_managers),
        )
    } else {
        let (project, members) = rng.pick(&cast.steering);
        let decided_by = pick(rng, members);
        (
            Body::SteeringGroup,
            DecisionKind::SteeringDecision,
            Some(*project),
            decided_by,
        )
    };
    Draft {
        body,
        project_id,
        decided_on,
        kind,
        text: text(rng, kind, recent),
        decided_by,
        registry: rng.chance(70),
        confidential: rng.chance(2),
        follow_up: rng.chance(15),
    }
}

/// Records about [`PER_YEAR`] decisions for each of the `years` years up to `today`, oldest first,
/// in the caller's transaction, entered by `recorded_by`. Returns how many.
pub fn fill(
    conn: &mut DbConnection,
    years: usize,
    today: NaiveDate,
    recorded_by: i64,
) -> QueryResult<usize> {
    let cast = cast(conn)?;
    let mut rng = Rng::new(0x4245_534c_5554);
    let days = (years as i64) * 365;
    let recent_from = today - Duration::days(730);
    let mut drafts: Vec<Draft> = (0..years * PER_YEAR)
        .map(|_| {
            let decided_on = today - Duration::days(rng.between(0, days.max(1) - 1));
            draft(&mut rng, &cast, decided_on, decided_on >= recent_from)
        })
        .collect();
    drafts.sort_by_key(|d| d.decided_on);
    let mut registry_numbers: std::collections::HashMap<i32, i64> = Default::default();
    for draft in &drafts {
        let registry = draft.registry.then(|| {
            let next = registry_numbers.entry(draft.decided_on.year()).or_insert(0);
            *next += 1;
            format!("SN {}/{}", draft.decided_on.year(), *next)
        });
        let follow_up_on = draft
            .follow_up
            .then(|| draft.decided_on + Duration::days(90));
        decisions::record(
            conn,
            &NewDecision {
                body: draft.body,
                project_id: draft.project_id,
                decided_on: draft.decided_on,
                kind: draft.kind,
                text: &draft.text,
                phase_from: None,
                phase_to: None,
                recorded_by,
                meeting_id: None,
                extras: Extras {
                    decided_by: draft.decided_by,
                    delegated: draft.body == Body::DevelopmentManager,
                    registry_number: registry.as_deref(),
                    confidential_reason: draft.confidential.then_some("OSL 26 kap. 1 §"),
                    follow_up_by: draft.follow_up.then_some(draft.decided_by).flatten(),
                    follow_up_on,
                    ..Extras::default()
                },
            },
        )?;
    }
    Ok(drafts.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recent_term_is_written_only_for_recent_decisions() {
        let mut rng = Rng::new(7);
        let old = (0..500)
            .filter(|_| {
                text(&mut rng, DecisionKind::Other, false).contains("Välfärdsteknikprogrammet")
            })
            .count();
        let recent = (0..500)
            .filter(|_| {
                text(&mut rng, DecisionKind::Other, true).contains("Välfärdsteknikprogrammet")
            })
            .count();
        assert_eq!(old, 0);
        assert!((50..150).contains(&recent), "{recent}");
        assert_eq!(RECENT_TERM, "Välfärdsteknikprogrammet".to_lowercase());
    }
}
