//! The builders take a project to every phase through the app's pages, on an app without the demo.

use reqwest::StatusCode;
use styr::domain::phase::Phase;

use crate::builders::ProjectBuilder;
use crate::helpers::spawn_empty_app;

#[tokio::test]
async fn a_project_is_built_in_every_phase_without_the_demo() {
    let app = spawn_empty_app("ett långt administratörslösenord").await;
    for (code, phase) in [
        ("BYG-IDE", Phase::Idea),
        ("BYG-PLA", Phase::Planning),
        ("BYG-GEN", Phase::Execution),
        ("BYG-AVS", Phase::Closing),
        ("BYG-FOR", Phase::Maintenance),
        ("BYG-AVB", Phase::Cancelled),
    ] {
        let project = ProjectBuilder::new(&app, code).phase(phase).build().await;
        assert_eq!(project.phase, phase, "{code}");
        assert_eq!(app.phase_of(project.id), phase.as_str(), "{code}");
        let page = project
            .cast
            .development_manager
            .browser
            .get(&project.path())
            .await;
        assert_eq!(page.status, StatusCode::OK, "{code}");
        assert_eq!(
            project.directive_id.is_some(),
            matches!(
                phase,
                Phase::Planning | Phase::Execution | Phase::Closing | Phase::Maintenance
            ),
            "{code}"
        );
        assert_eq!(
            project.plan_id.is_some(),
            matches!(
                phase,
                Phase::Execution | Phase::Closing | Phase::Maintenance
            ),
            "{code}"
        );
    }
}

#[tokio::test]
async fn a_directive_above_the_threshold_goes_to_the_management_group() {
    let app = spawn_empty_app("ett långt administratörslösenord").await;
    let project = ProjectBuilder::new(&app, "BYG-STOR")
        .budget_frame(2_000_000)
        .phase(Phase::Planning)
        .build()
        .await;
    let bodies: Vec<String> = app.with_db(|conn| {
        styr::db::decisions::for_project(conn, project.id)
            .expect("the decisions load")
            .into_iter()
            .map(|(decision, _)| decision.body)
            .collect()
    });
    assert_eq!(bodies, ["management_group", "management_group"]);
}
