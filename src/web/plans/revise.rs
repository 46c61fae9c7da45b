//! Revising a plan (`POST /projects/{id}/plan/{pid}/revise`, through `web::documents`): a new
//! version for the newest approved directive.

use super::*;

pub(super) fn revise(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
) -> Result<Changed<String>, AppError> {
    let (id, plan_id) = (version.project_id, version.id);
    let data = match load_for_draft(conn, user, id, plan_id, Step::Revise)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    let Some(directive) = plans::newest_approved_directive(conn, id)? else {
        let key = "plan-refused-no-directive";
        return Ok(Outcome::Conflict(data, Some(key)));
    };
    let content = plans::carry_over(&data.doc.content, &data.doc.directive, &directive);
    let doc = plans::start(conn, id, directive.id, user.id, &content)?;
    Ok(Outcome::Saved(format!(
        "/projects/{id}/plan/{}/edit",
        doc.plan.id
    )))
}
