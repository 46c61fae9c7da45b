//! `POST /projects/{id}/escalations/{escalation}/answer` (`decision`): a recorded decision of the
//! body an escalation is addressed to answers it, once.

use super::*;
use crate::domain::report_workflow::{AnsweringDecision, RaisedEscalation, check_answer};
use crate::domain::validation::optional_id;
use crate::web::AppState;
use crate::web::forms::CsrfForm;

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct AnswerForm {
    decision: String,
}

pub(super) async fn answer(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<HttpResponse, AppError> {
    let (project_id, escalation_id) = ids(&path)?;
    let user = auth.user.clone();
    let typed = form.decision.clone();
    let outcome = state
        .db
        .write(move |conn| answer_step_in(conn, &user, project_id, escalation_id, &form))
        .await?;
    answer_step(&auth, outcome, Posted::Decision(escalation_id, typed))
}

fn answer_step_in(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_id: i64,
    escalation_id: i64,
    form: &AnswerForm,
) -> Result<Stepped, AppError> {
    let access = ProjectAccess::load(conn, project_id, user)?;
    let (escalation, raised_on) =
        reports::find_escalation(conn, project_id, escalation_id)?.ok_or(AppError::NotFound)?;
    let report = find_visible(conn, &access, escalation.report_id)?;
    let to = escalation
        .to()
        .ok_or_else(|| AppError::internal("an escalation to an unknown body"))?;
    access.require(ProjectAction::DecideAs(answering_body(to)))?;
    let data = load_data(conn, access, report)?;
    let Some(raised_on) = raised_on else {
        return Ok(Outcome::Refused(data, "escalation-refused-draft"));
    };
    let field = format!("decision_{escalation_id}");
    let invalid_choice = |data, key| {
        let mut errors = FieldErrors::new();
        errors.add(field.clone(), key);
        Ok(Outcome::Invalid(data, errors))
    };
    let decision_id = match optional_id(&form.decision) {
        Ok(Some(id)) => id,
        Ok(None) => return invalid_choice(data, "error-required"),
        Err(key) => return invalid_choice(data, key),
    };
    let Some(decision) = reports::find_decision(conn, decision_id)? else {
        return invalid_choice(data, "error-unknown-choice");
    };
    let Some(body) = decision.body() else {
        return invalid_choice(data, "escalation-refused-body");
    };
    let raised = RaisedEscalation {
        project_id,
        to,
        raised_on,
        answered: escalation.answered_by_decision_id.is_some(),
    };
    let answering = AnsweringDecision {
        body,
        project_id: decision.project_id,
        decided_on: decision.decided_on,
    };
    match check_answer(&raised, &answering) {
        Err("escalation-refused-answered") => {
            return Ok(Outcome::Conflict(data, Some("escalation-refused-answered")));
        }
        Err(key) => return invalid_choice(data, key),
        Ok(()) => {}
    }
    if !reports::answer(conn, &escalation, decision.id, user.id)? {
        return Ok(Outcome::Conflict(data, Some("escalation-refused-answered")));
    }
    Ok(Outcome::Saved(format!(
        "{}?done=answered#escalation-{escalation_id}",
        view::report_path(project_id, escalation.report_id)
    )))
}
