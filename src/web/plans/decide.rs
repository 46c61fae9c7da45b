//! The steering group's decision on a submitted plan version (`POST /projects/{id}/plan/{pid}/approve`
//! and `.../return`, through `web::documents`).

use super::*;

/// This page names the decision's fields as the domain does.
pub(super) const DECISION_FIELDS: DecisionFields = DecisionFields {
    decided_on: "decided_on",
    text: "text",
    reason: "reason",
};

/// Records the steering group's decision on a submitted plan: approved, or returned with a reason.
pub(super) fn decide(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
    decision: &DecisionPosted,
) -> Result<Changed<String>, AppError> {
    let (id, plan_id) = (version.project_id, version.id);
    let returned = decision.returning;
    let step = if returned {
        Step::Return
    } else {
        Step::Approve
    };
    let form = &decision.form;
    let project = ProjectAccess::load(conn, id, user)?;
    let doc = find_plan(conn, id, plan_id)?;
    let body = deciding_body(conn, &doc.plan)?;
    project.require(step_action(step, ProjectAction::DraftPlan, body))?;
    if let Err(key) = check_open(project.project.project.phase())
        .and_then(|()| check_four_eyes(&doc.plan.authors(), user.id))
    {
        let data = load_show(conn, user, project, doc)?;
        return Ok(Outcome::Refused(Box::new(data), key));
    }
    match document::step(doc.plan.status(), step, true) {
        Ok(_) => {}
        Err(refusal) => {
            let data = load_show(conn, user, project, doc)?;
            return Ok(Outcome::Conflict(Box::new(data), Some(refusal.key())));
        }
    };
    let floor = governance::floor_of(conn, id, doc.plan.submitted_on)?;
    let verdict = VerdictForm {
        decided_on: form.decided_on.clone(),
        text: form.text.clone(),
        reason: form.reason.clone(),
    };
    let decided = match parse_decision(&verdict, returned, today(), floor, DECISION_FIELDS) {
        Ok(decided) => decided,
        Err(errors) => {
            let data = load_show(conn, user, project, doc)?;
            return Ok(Outcome::Invalid(Box::new(data), errors));
        }
    };
    if documents::decide::<Plans>(conn, version, body, &decided, user.id)?.is_none() {
        return Err(AppError::internal("the plan left submitted while locked"));
    }
    let done = if returned { "returned" } else { "approved" };
    Ok(Outcome::Saved(format!(
        "/projects/{id}/plan/{plan_id}?done={done}"
    )))
}
