//! `POST /projects/{id}/plan/{pid}/revise`: a new version for the newest approved directive.

use super::*;

pub(super) async fn revise(
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
            let data = match load_for_draft(conn, &user, id, plan_id, Step::Revise)? {
                Ok(data) => data,
                Err(refused) => return Ok(refused),
            };
            let Some(directive) = plans::newest_approved_directive(conn, id)? else {
                let key = "plan-refused-no-directive";
                return Ok(Outcome::Conflict(data, Some(key)));
            };
            let content = plans::carry_over(&data.doc.content, &data.doc.directive, &directive);
            let plan = plans::create(conn, id, directive.id, user.id, &content)?;
            let doc = plans::load_row(conn, plan)?;
            plans::record(conn, user.id, audit::Action::Create, None, &doc)?;
            Ok(Outcome::Saved(doc.plan.id))
        })
        .await?;
    match outcome {
        Outcome::Saved(new_id) => Ok(see_other(&format!("/projects/{id}/plan/{new_id}/edit"))),
        not => not_saved(&auth, not, None, None),
    }
}
