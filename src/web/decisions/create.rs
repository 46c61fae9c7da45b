//! `GET /decisions/new` and `POST /decisions`: a decision the development manager makes under
//! delegation, outside a meeting. The development manager records it, or the administrator on
//! the development manager's behalf; who decided is always a development manager.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::decision_log;
use crate::domain::decision::TypedDecisionForm;
use crate::domain::decision_log::may_record_delegated;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::decisions::form::{Choices, new as form_page};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, invalid};
use crate::web::{AppState, today};

fn require_recorder(user: &CurrentUser) -> Result<(), AppError> {
    if may_record_delegated(user.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The form with `form`'s values and `errors`.
async fn render(
    auth: &Auth,
    state: &AppState,
    form: &TypedDecisionForm,
    errors: &FieldErrors,
) -> Result<Markup, AppError> {
    let (delegates, projects) = state
        .db
        .run(|conn| {
            Ok((
                decision_log::delegates(conn)?,
                decision_log::project_choices(conn)?,
            ))
        })
        .await?;
    Ok(form_page(
        &auth.ctx,
        form,
        errors,
        &Choices {
            delegates: &delegates,
            projects: &projects,
        },
    ))
}

pub async fn new(auth: Auth, state: web::Data<AppState>) -> Result<Markup, AppError> {
    require_recorder(&auth.user)?;
    let form = TypedDecisionForm {
        decided_on: today().to_string(),
        decided_by: match auth.user.role {
            crate::domain::role::Role::DevelopmentManager => auth.user.username.clone(),
            _ => String::new(),
        },
        ..TypedDecisionForm::default()
    };
    render(&auth, &state, &form, &FieldErrors::new()).await
}

pub async fn create(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<TypedDecisionForm>,
) -> Result<HttpResponse, AppError> {
    require_recorder(&auth.user)?;
    let recorded_by = auth.user.id;
    let posted = form.clone();
    let recorded = state
        .db
        .write(move |conn| {
            Ok(decision_log::record_delegated(
                conn,
                &posted,
                today(),
                recorded_by,
            )?)
        })
        .await?;
    match recorded {
        Ok(row) => Ok(see_other(&format!("/decisions/{}?saved=recorded", row.id))),
        Err(errors) => Ok(invalid(render(&auth, &state, &form, &errors).await?)),
    }
}
