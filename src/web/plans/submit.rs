//! `POST /projects/{id}/plan/{pid}/submit`: a complete draft to the steering group.

use super::*;

pub(super) async fn submit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (id, plan_id) = ids(&path)?;
    let user = auth.user.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = match load_for_draft(conn, &user, id, plan_id, Step::Submit)? {
                Ok(data) => data,
                Err(refused) => return Ok(refused),
            };
            let directive = &data.doc.directive;
            if let Err(errors) = domain::check_submittable(
                &data.doc.content,
                &directive.goal_ids(),
                directive.budget_frame_sek,
            ) {
                return Ok(Outcome::Invalid(data, errors));
            }
            // The body is not stored for a plan: who decides it is worked out when it is read.
            let submission = Submission {
                body: Body::SteeringGroup,
                by: user.id,
                on: today(),
            };
            let version = VersionId {
                project_id: id,
                id: plan_id,
            };
            let from = data.doc.plan.status();
            if !documents::submit::<Plans>(conn, version, from, &submission)? {
                return Err(AppError::internal("the plan left draft while locked"));
            }
            Ok(Outcome::Saved(()))
        })
        .await?;
    match outcome {
        Outcome::Saved(()) => Ok(see_other(&format!(
            "/projects/{id}/plan/{plan_id}?done=submitted"
        ))),
        not => not_saved(&auth, not, None, None),
    }
}
