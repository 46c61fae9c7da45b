//! `POST /projects/{id}/plan`: the first version, answering the newest approved directive.

use super::*;

pub(super) async fn create(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let access = ProjectAccess::load(conn, id, &user)?;
            access.require(ProjectAction::DraftPlan)?;
            if let Err(key) = check_open(access.project.project.phase()) {
                return Ok(Outcome::Refused(load_pinned(conn, &user, id)?, key));
            }
            if plans::newest(conn, id)?.is_some() {
                let key = "plan-refused-exists";
                return Ok(Outcome::Refused(load_pinned(conn, &user, id)?, key));
            }
            let Some(directive) = plans::newest_approved_directive(conn, id)? else {
                let key = "plan-refused-no-directive";
                return Ok(Outcome::Refused(load_pinned(conn, &user, id)?, key));
            };
            let doc = plans::start(conn, id, directive.id, user.id, &PlanContent::default())?;
            Ok(Outcome::Saved(doc.plan.id))
        })
        .await?;
    match outcome {
        Outcome::Saved(plan_id) => Ok(see_other(&format!("/projects/{id}/plan/{plan_id}/edit"))),
        Outcome::Refused(pinned, key) => Ok(invalid(render_pinned(
            &auth,
            &pinned,
            Some(Message::Refused(key)),
        ))),
        Outcome::Invalid(..) | Outcome::Conflict(..) => {
            Err(AppError::internal("a new plan is refused or made"))
        }
    }
}
