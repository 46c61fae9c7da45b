//! `/admin/settings`: the management group's threshold and how long a login lasts.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::{audit, settings};
use crate::domain::policy::Action;
use crate::domain::session::parse_lifetimes;
use crate::domain::settings::parse_threshold;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::admin::{self as view, SessionsForm, SettingsForm};
use crate::web::AppState;
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, SavedQuery, invalid};

/// The settings as stored, in the shape of the page's two forms.
async fn stored_settings(state: &AppState) -> Result<(SettingsForm, SessionsForm), AppError> {
    let (threshold, lifetimes) = state
        .db
        .run(|conn| {
            Ok((
                settings::management_group_threshold(conn)?,
                settings::session_lifetimes(conn)?,
            ))
        })
        .await?;
    Ok((
        SettingsForm {
            threshold_sek: threshold.to_string(),
        },
        SessionsForm {
            session_idle_hours: lifetimes.idle_hours.to_string(),
            session_absolute_days: lifetimes.absolute_days.to_string(),
        },
    ))
}

pub(super) async fn settings_page(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let (form, sessions) = stored_settings(&state).await?;
    Ok(view::settings(
        &auth.ctx,
        &form,
        &sessions,
        &FieldErrors::new(),
        !query.saved.is_empty(),
    ))
}

pub(super) async fn save_settings(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let threshold = match parse_threshold(&form.threshold_sek) {
        Ok(threshold) => threshold,
        Err(key) => {
            let mut errors = FieldErrors::new();
            errors.add("threshold_sek", key);
            let (_, sessions) = stored_settings(&state).await?;
            return Ok(invalid(view::settings(
                &auth.ctx, &form, &sessions, &errors, false,
            )));
        }
    };
    let actor = auth.user.id;
    state
        .db
        .write(move |conn| {
            let before = settings::management_group_threshold(conn)?;
            settings::set_management_group_threshold(conn, threshold)?;
            audit_setting(conn, actor, &before, &threshold)
        })
        .await?;
    Ok(see_other("/admin/settings?saved=1"))
}

/// `POST /admin/settings/sessions`: how long a login lasts. Logins already open are held to the
/// new lifetimes from their next request.
pub(super) async fn save_session_settings(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(sessions): CsrfForm<SessionsForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let lifetimes = match parse_lifetimes(
        &sessions.session_idle_hours,
        &sessions.session_absolute_days,
    ) {
        Ok(lifetimes) => lifetimes,
        Err(errors) => {
            let (form, _) = stored_settings(&state).await?;
            return Ok(invalid(view::settings(
                &auth.ctx, &form, &sessions, &errors, false,
            )));
        }
    };
    let actor = auth.user.id;
    state
        .db
        .write(move |conn| {
            let before = settings::session_lifetimes(conn)?;
            settings::set_session_lifetimes(conn, &lifetimes)?;
            audit_setting(conn, actor, &before, &lifetimes)
        })
        .await?;
    Ok(see_other("/admin/settings?saved=1"))
}

fn audit_setting<T: serde::Serialize>(
    conn: &mut crate::db::DbConnection,
    actor: i64,
    before: &T,
    after: &T,
) -> Result<(), AppError> {
    audit::record(
        conn,
        &audit::Change {
            user_id: Some(actor),
            action: audit::Action::Update,
            entity: "setting",
            entity_id: 1,
            project_id: None,
            before: Some(before),
            after: Some(after),
        },
    )?;
    Ok(())
}
