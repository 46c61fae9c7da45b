//! `POST /projects/{id}/plan/{pid}/approve` and `.../return`: the decision on a submitted version.

use super::*;

/// This page names the decision's fields as the domain does.
pub(super) const DECISION_FIELDS: DecisionFields = DecisionFields {
    decided_on: "decided_on",
    text: "text",
    reason: "reason",
};

pub(super) async fn approve(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    decide(auth, state, path, form, Step::Approve).await
}

pub(super) async fn return_plan(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    decide(auth, state, path, form, Step::Return).await
}

/// Records the steering group's decision on a submitted plan: approved, or returned with a reason.
pub(super) async fn decide(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: DecisionForm,
    step: Step,
) -> Result<HttpResponse, AppError> {
    let (id, plan_id) = ids(&path)?;
    let user = auth.user.clone();
    let submitted = form.clone();
    let returned = step == Step::Return;
    let outcome = state
        .db
        .write(move |conn| {
            let project = ProjectAccess::load(conn, id, &user)?;
            let doc = find_plan(conn, id, plan_id)?;
            let body = deciding_body(conn, &doc.plan)?;
            project.require(step_action(step, ProjectAction::DraftPlan, body))?;
            if let Err(key) = check_open(project.project.project.phase())
                .and_then(|()| check_four_eyes(&doc.plan.authors(), user.id))
            {
                let data = load_show(conn, &user, project, doc)?;
                return Ok(Outcome::Refused(Box::new(data), key));
            }
            match document::step(doc.plan.status(), step, true) {
                Ok(_) => {}
                Err(refusal) => {
                    let data = load_show(conn, &user, project, doc)?;
                    return Ok(Outcome::Conflict(Box::new(data), Some(refusal.key())));
                }
            };
            let floor = governance::floor_of(conn, id, doc.plan.submitted_on)?;
            let verdict = VerdictForm {
                decided_on: form.decided_on.clone(),
                text: form.text.clone(),
                reason: form.reason.clone(),
            };
            let decided = match parse_decision(&verdict, returned, today(), floor, DECISION_FIELDS)
            {
                Ok(decided) => decided,
                Err(errors) => {
                    let data = load_show(conn, &user, project, doc)?;
                    return Ok(Outcome::Invalid(Box::new(data), errors));
                }
            };
            let version = VersionId {
                project_id: id,
                id: plan_id,
            };
            if documents::decide::<Plans>(conn, version, body, &decided, user.id)?.is_none() {
                return Err(AppError::internal("the plan left submitted while locked"));
            }
            Ok(Outcome::Saved(()))
        })
        .await?;
    match outcome {
        Outcome::Saved(()) => {
            let done = if returned { "returned" } else { "approved" };
            Ok(see_other(&format!(
                "/projects/{id}/plan/{plan_id}?done={done}"
            )))
        }
        not => not_saved(&auth, not, Some(&submitted), None),
    }
}
