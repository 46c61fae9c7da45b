//! The demo portfolio (`styr --demo`): a social services administration's digitalisation projects,
//! one in every phase at least, with dates relative to today so it always looks current.

use chrono::{Duration, NaiveDate};
use diesel::Connection;

use super::{DbConnection, DbSetupError, projects, units, users};
use crate::auth::password;
use crate::domain::phase::Phase;
use crate::domain::project::ProjectInput;
use crate::domain::role::Role;

/// Every demo user's password. Demo users exist only in a demo database.
pub const DEMO_PASSWORD: &str = "demo";

const USERS: &[(&str, &str, Role)] = &[
    ("admin", "Administratör", Role::Administrator),
    (
        "utvecklingschef",
        "Maria Lindqvist",
        Role::DevelopmentManager,
    ),
    ("projektledare", "Johan Ek", Role::ProjectLead),
    ("ledamot", "Anna Sjöberg", Role::ManagementGroup),
    ("lasare", "Erik Nord", Role::Reader),
    ("projektledare2", "Elin Strand", Role::ProjectLead),
    ("karin.holm", "Karin Holm", Role::ManagementGroup),
    ("lars.dahl", "Lars Dahl", Role::ManagementGroup),
    ("sofia.ahmed", "Sofia Ahmed", Role::ManagementGroup),
    ("peter.wallin", "Peter Wallin", Role::ManagementGroup),
];

const BOARDS: &[&str] = &["Socialnämnden", "Äldrenämnden"];

const UNITS: &[(&str, &str)] = &[
    ("Äldreenheten", "Äldrenämnden"),
    ("Omsorgsenheten", "Äldrenämnden"),
    ("Barn- och familjeenheten", "Socialnämnden"),
    ("Myndighetsenheten (mottagning, vuxen)", "Socialnämnden"),
    ("Stab och utveckling", "Socialnämnden"),
];

struct DemoProject {
    code: &'static str,
    name: &'static str,
    unit: &'static str,
    phase: Phase,
    lead: Option<&'static str>,
    commissioner: &'static str,
    /// Planned start and end, in days from today.
    start: i64,
    end: i64,
    budget: i64,
    description: &'static str,
}

const PROJECTS: &[DemoProject] = &[
    DemoProject {
        code: "DIG-2024-001",
        name: "Mobil återrapportering i hemtjänsten",
        unit: "Äldreenheten",
        phase: Phase::Maintenance,
        lead: Some("projektledare"),
        commissioner: "karin.holm",
        start: -760,
        end: -240,
        budget: 1_450_000,
        description: "Hemtjänstens medarbetare rapporterar utförda insatser i mobilen i stället för på papper. \
                      Levererat enligt plan och stängt av ledningsgruppen; nyttan följs upp nästa år.",
    },
    DemoProject {
        code: "DIG-2025-002",
        name: "E-tjänst för ansökan om färdtjänst",
        unit: "Äldreenheten",
        phase: Phase::Execution,
        lead: Some("projektledare"),
        commissioner: "karin.holm",
        start: -300,
        end: 120,
        budget: 850_000,
        description: "Medborgare ansöker om färdtjänst digitalt. Långa köer i somras; resurserna är ansträngda.",
    },
    DemoProject {
        code: "DIG-2025-003",
        name: "Digitalt försörjningsstöd (e-ansökan ekonomiskt bistånd)",
        unit: "Myndighetsenheten (mottagning, vuxen)",
        phase: Phase::Execution,
        lead: Some("projektledare2"),
        commissioner: "peter.wallin",
        start: -400,
        end: 60,
        budget: 2_300_000,
        description: "E-ansökan om ekonomiskt bistånd. Personuppgifter; konsekvensbedömning (DPIA) gjord. \
                      Leverantörens försening ger rött på tid.",
    },
    DemoProject {
        code: "DIG-2025-004",
        name: "Automatiserad utbetalning (RPA) ekonomiskt bistånd",
        unit: "Myndighetsenheten (mottagning, vuxen)",
        phase: Phase::Planning,
        lead: Some("projektledare2"),
        commissioner: "peter.wallin",
        start: 30,
        end: 400,
        budget: 1_200_000,
        description: "Robotiserad utbetalning av beviljat bistånd. Projektplanen väntar på styrgruppen.",
    },
    DemoProject {
        code: "DIG-2026-005",
        name: "Digital tillsyn nattetid (trygghetskamera)",
        unit: "Äldreenheten",
        phase: Phase::PreStudy,
        lead: Some("projektledare"),
        commissioner: "karin.holm",
        start: -60,
        end: 90,
        budget: 300_000,
        description: "Förstudie om kameratillsyn nattetid. Känsliga personuppgifter; den rättsliga prövningen pågår.",
    },
    DemoProject {
        code: "DIG-2026-006",
        name: "Digitala signeringslistor för läkemedel",
        unit: "Omsorgsenheten",
        phase: Phase::Closing,
        lead: Some("projektledare"),
        commissioner: "lars.dahl",
        start: -330,
        end: -10,
        budget: 640_000,
        description: "Signeringslistor för läkemedel i appen i stället för på papper. Slutrapporten är utkastad.",
    },
    DemoProject {
        code: "DIG-2026-007",
        name: "Säker digital kommunikation med vårdnadshavare",
        unit: "Barn- och familjeenheten",
        phase: Phase::Idea,
        lead: None,
        commissioner: "sofia.ahmed",
        start: 120,
        end: 480,
        budget: 0,
        description: "Idé: säkra meddelanden mellan handläggare och vårdnadshavare i stället för brev.",
    },
    DemoProject {
        code: "DIG-2026-008",
        name: "Kvalitetssäkring av verksamhetssystemet",
        unit: "Stab och utveckling",
        phase: Phase::Execution,
        lead: Some("projektledare2"),
        commissioner: "utvecklingschef",
        start: -200,
        end: 160,
        budget: 980_000,
        description: "Genomgång av behörigheter, mallar och rutiner i verksamhetssystemet. \
                      Specialisternas tid är begränsningen.",
    },
    DemoProject {
        code: "DIG-2026-009",
        name: "Rapport över direktupphandlingar ur e-avrop",
        unit: "Stab och utveckling",
        phase: Phase::Cancelled,
        lead: Some("projektledare"),
        commissioner: "utvecklingschef",
        start: -150,
        end: -30,
        budget: 150_000,
        description: "Avbrutet: ersätts av upphandlingsenhetens egen rapport.",
    },
    DemoProject {
        code: "DIG-2026-010",
        name: "Processkartläggning i Stratsys",
        unit: "Stab och utveckling",
        phase: Phase::Planning,
        lead: Some("projektledare"),
        commissioner: "utvecklingschef",
        start: 14,
        end: 200,
        budget: 400_000,
        description: "Kartläggning av förvaltningens processer i Stratsys.",
    },
];

/// The username of the demo project's lead, if it has one.
#[cfg(test)]
pub(super) fn lead_of(code: &str) -> Option<&'static str> {
    PROJECTS
        .iter()
        .find(|p| p.code == code)
        .and_then(|p| p.lead)
}

/// The phase the demo project is in once its story is seeded.
#[cfg(test)]
pub(super) fn phase_of(code: &str) -> Option<Phase> {
    PROJECTS.iter().find(|p| p.code == code).map(|p| p.phase)
}

/// Adds the demo's users (all with the password hash `password_hash`), boards and units, in the
/// caller's transaction. `styr generate` starts from them too.
pub fn seed_organisation(conn: &mut DbConnection, password_hash: &str) -> diesel::QueryResult<()> {
    for (username, name, role) in USERS {
        users::insert(
            conn,
            &users::NewUserRow {
                username,
                display_name: name,
                role: *role,
                password_hash,
                must_change_password: false,
            },
        )?;
    }
    for board in BOARDS {
        units::insert_board(conn, board)?;
    }
    let boards = units::boards(conn)?;
    for (unit, board) in UNITS {
        let board_id = boards
            .iter()
            .find(|b| b.name == *board)
            .map(|b| b.id)
            .ok_or(diesel::result::Error::NotFound)?;
        units::insert_unit(conn, unit, board_id)?;
    }
    Ok(())
}

/// Fills an empty database with the demo portfolio, in one transaction.
pub fn seed(conn: &mut DbConnection, today: NaiveDate) -> Result<(), DbSetupError> {
    let demo_hash = password::hash(DEMO_PASSWORD);
    conn.transaction(|conn| {
        seed_organisation(conn, &demo_hash)?;
        let units = units::units(conn)?;
        let registrar = users::find_by_username(conn, "utvecklingschef")?
            .ok_or(diesel::result::Error::NotFound)?
            .id;
        let mut registered = Vec::new();
        for project in PROJECTS {
            let mut user_id = |username: &str| -> diesel::QueryResult<i64> {
                Ok(users::find_by_username(conn, username)?
                    .ok_or(diesel::result::Error::NotFound)?
                    .id)
            };
            let project_lead_id = project.lead.map(&mut user_id).transpose()?;
            let commissioner_id = Some(user_id(project.commissioner)?);
            let input = ProjectInput {
                code: project.code.into(),
                name: project.name.into(),
                description: project
                    .description
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                unit_id: units
                    .iter()
                    .find(|u| u.name == project.unit)
                    .map(|u| u.id)
                    .ok_or(diesel::result::Error::NotFound)?,
                project_lead_id,
                commissioner_id,
                planned_start: Some(today + Duration::days(project.start)),
                planned_end: Some(today + Duration::days(project.end)),
                budget_sek: (project.budget > 0).then_some(project.budget),
            };
            // Registered as an idea on the day its story begins, by the development manager (who
            // may name a lead and commissioner); the phase decisions then move it on.
            let registered_at = super::demo_governance::registered_at(project.code, today);
            let id = projects::create(conn, &input, registered_at, registrar)?;
            registered.push((id, project.phase));
        }
        super::demo_governance::seed(conn, today)?;
        super::demo_reports::seed(conn, today)?;
        super::demo_follow_ups::seed(conn, today)?;
        // Every project's phase decisions brought it to the phase the demo shows it in.
        for (id, phase) in registered {
            let reached = projects::row(conn, id)?.map(|row| row.phase());
            if reached != Some(phase) {
                return Err(diesel::result::Error::NotFound);
            }
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_every_role_and_every_phase() {
        for role in Role::ALL {
            assert!(USERS.iter().any(|(_, _, r)| *r == role), "{role:?}");
        }
        for phase in Phase::ALL {
            assert!(PROJECTS.iter().any(|p| p.phase == phase), "{phase:?}");
        }
        for project in PROJECTS {
            assert!(
                UNITS.iter().any(|(u, _)| *u == project.unit),
                "{}",
                project.code
            );
            assert!(project.start <= project.end, "{}", project.code);
        }
    }
}
