//! `/admin/settings`: the management group's threshold, how long a login lasts, and how status
//! reports are followed up. Each form is saved on its own, in one transaction with its audit entry.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::{DbConnection, audit, settings};
use crate::domain::policy::Action;
use crate::domain::session::parse_lifetimes;
use crate::domain::settings::{ReportingForm, parse_reporting, parse_threshold};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::admin::{self as view, SessionsForm, SettingsForm, SettingsForms};
use crate::web::AppState;
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, SavedQuery, invalid};

/// The settings as stored, in the shape of the page's forms.
async fn stored_settings(state: &AppState) -> Result<SettingsForms, AppError> {
    let (threshold, lifetimes, reporting) = state
        .db
        .run(|conn| {
            Ok((
                settings::management_group_threshold(conn)?,
                settings::session_lifetimes(conn)?,
                settings::reporting(conn)?,
            ))
        })
        .await?;
    Ok(SettingsForms {
        threshold: SettingsForm {
            threshold_sek: threshold.to_string(),
        },
        sessions: SessionsForm {
            session_idle_hours: lifetimes.idle_hours.to_string(),
            session_absolute_days: lifetimes.absolute_days.to_string(),
        },
        reporting: ReportingForm {
            report_due_day: reporting.due_day.to_string(),
            rollup_deviation_percent: reporting.deviation_percent.to_string(),
        },
    })
}

pub(super) async fn settings_page(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let forms = stored_settings(&state).await?;
    Ok(view::settings(
        &auth.ctx,
        &forms,
        &FieldErrors::new(),
        !query.saved.is_empty(),
    ))
}

/// How one of the page's forms is read, written and shown again as typed.
struct Part<T> {
    read: fn(&mut DbConnection) -> diesel::QueryResult<T>,
    write: fn(&mut DbConnection, &T) -> diesel::QueryResult<()>,
    /// Puts the form as typed into the page's forms, the others as stored.
    typed: Box<dyn FnOnce(&mut SettingsForms)>,
}

/// Saves one form of the page: on errors the page again (422) with the form as typed and the
/// message beside each field; otherwise the value is written and audited with what it replaced,
/// in one transaction, and the page is shown again.
async fn save_part<T>(
    auth: &Auth,
    state: &AppState,
    parsed: Result<T, FieldErrors>,
    part: Part<T>,
) -> Result<HttpResponse, AppError>
where
    T: serde::Serialize + Send + 'static,
{
    let value = match parsed {
        Ok(value) => value,
        Err(errors) => {
            let mut forms = stored_settings(state).await?;
            (part.typed)(&mut forms);
            return Ok(invalid(view::settings(&auth.ctx, &forms, &errors, false)));
        }
    };
    let (read, write) = (part.read, part.write);
    let actor = auth.user.id;
    state
        .db
        .write(move |conn| {
            let before = read(conn)?;
            write(conn, &value)?;
            audit_setting(conn, actor, &before, &value)
        })
        .await?;
    Ok(see_other("/admin/settings?saved=1"))
}

/// `POST /admin/settings`: the budget frame above which the management group approves.
pub(super) async fn save_settings(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let parsed = parse_threshold(&form.threshold_sek).map_err(|key| {
        let mut errors = FieldErrors::new();
        errors.add("threshold_sek", key);
        errors
    });
    let part = Part {
        read: settings::management_group_threshold,
        write: |conn, amount| settings::set_management_group_threshold(conn, *amount),
        typed: Box::new(|forms: &mut SettingsForms| forms.threshold = form),
    };
    save_part(&auth, &state, parsed, part).await
}

/// `POST /admin/settings/sessions`: how long a login lasts. Logins already open are held to the
/// new lifetimes from their next request.
pub(super) async fn save_session_settings(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(sessions): CsrfForm<SessionsForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let parsed = parse_lifetimes(
        &sessions.session_idle_hours,
        &sessions.session_absolute_days,
    );
    let part = Part {
        read: settings::session_lifetimes,
        write: settings::set_session_lifetimes,
        typed: Box::new(|forms: &mut SettingsForms| forms.sessions = sessions),
    };
    save_part(&auth, &state, parsed, part).await
}

/// `POST /admin/settings/reports`: the day a monthly status report is due and the budget
/// deviation above which the roll-up lists a project.
pub(super) async fn save_report_settings(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(reporting): CsrfForm<ReportingForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let parsed = parse_reporting(&reporting);
    let part = Part {
        read: settings::reporting,
        write: settings::set_reporting,
        typed: Box::new(|forms: &mut SettingsForms| forms.reporting = reporting),
    };
    save_part(&auth, &state, parsed, part).await
}

fn audit_setting<T: serde::Serialize>(
    conn: &mut DbConnection,
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
