//! Submitting a plan version (`POST /projects/{id}/plan/{pid}/submit`, through `web::documents`):
//! a complete draft to the steering group.

use super::*;

pub(super) fn submit(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
) -> Result<Changed<String>, AppError> {
    let (id, plan_id) = (version.project_id, version.id);
    let data = match load_for_draft(conn, user, id, plan_id, Step::Submit)? {
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
    let from = data.doc.plan.status();
    if !documents::submit::<Plans>(conn, version, from, &submission)? {
        return Err(AppError::internal("the plan left draft while locked"));
    }
    Ok(Outcome::Saved(format!(
        "/projects/{id}/plan/{plan_id}?done=submitted"
    )))
}
