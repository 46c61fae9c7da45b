//! Meetings and their minutes: the list and planning (`index`), the meeting page and the printed
//! minutes (`show`), attendance and items (`agenda`), decisions and action items under an item
//! (`decide`, `act`), and holding and adjusting (`sign`).
//!
//! Each request loads the meeting as the user may see it ([`load`]): an unknown meeting, or one
//! not yet locked that the user may not see, is 404; a write by someone who does not minute it is
//! 403, and a write to adjusted minutes 409. The rules are in `domain::meeting`, the writes in
//! `db::meetings`, each in one transaction.

use actix_web::{HttpResponse, web};

use crate::db::meetings::{self, MeetingError, Someone};
use crate::db::{DbConnection, decisions, governance};
use crate::domain::decision::Body;
use crate::domain::meeting::{self as rules, check_editable, signer_roles};
use crate::domain::phase::Refusal;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::views::documents::Message;
use crate::views::meetings::{MeetingData, Posted, Rights};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{Outcome, conflict, invalid};
use crate::web::{AppState, path_id};

mod act;
mod agenda;
mod decide;
mod index;
mod sections;
mod show;
mod sign;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/sections", web::get().to(sections::list))
        .route("/admin/sections", web::post().to(sections::save))
        .route("/meetings", web::get().to(index::list))
        .route("/meetings", web::post().to(index::plan))
        .route("/meetings/{id}", web::get().to(show::show))
        .route("/meetings/{id}/minutes", web::get().to(show::minutes))
        .route(
            "/meetings/{id}/attendance",
            web::post().to(agenda::attendance),
        )
        .route("/meetings/{id}/items", web::post().to(agenda::add_item))
        .route("/meetings/{id}/hold", web::post().to(sign::hold))
        .route("/meetings/{id}/adjust", web::post().to(sign::adjust))
        .route(
            "/meetings/{id}/items/{item}/decisions",
            web::get().to(decide::form),
        )
        .route(
            "/meetings/{id}/items/{item}/decisions",
            web::post().to(decide::decide),
        )
        .route(
            "/meetings/{id}/items/{item}/actions",
            web::get().to(act::form),
        )
        .route(
            "/meetings/{id}/items/{item}/actions",
            web::post().to(act::add),
        );
}

/// The meeting's and the item's ids from the path: 404 for one that is no number.
fn ids(path: &(String, String)) -> Result<(i64, i64), AppError> {
    Ok((path_id(&path.0)?, path_id(&path.1)?))
}

/// The meeting `id` with its minutes and the user's rights on it: 404 when there is none or the
/// user may not see it yet.
fn load(conn: &mut DbConnection, id: i64, user: &CurrentUser) -> Result<MeetingData, AppError> {
    let minutes = meetings::minutes(conn, id)?.ok_or(AppError::NotFound)?;
    let meeting = &minutes.meeting;
    let chairs_steering_group = match (meeting.body(), meeting.project_id) {
        (Body::SteeringGroup, Some(project)) => governance::chair(conn, project)? == Some(user.id),
        _ => false,
    };
    let may_minute = rules::may_minute(user.role, meeting.body(), chairs_steering_group);
    if !rules::may_see(user.role, meeting.state(), may_minute) {
        return Err(AppError::NotFound);
    }
    let members: Vec<i64> = decisions::members_of(conn, meeting.body(), meeting.project_id)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let rights = Rights {
        may_minute,
        is_signer: !signer_roles(user.id, meeting.chair_id, meeting.adjuster_id).is_empty(),
        sees_confidential: crate::domain::decision_log::sees_confidential_text(user.role),
    };
    let stored = meetings::sections::of(conn, meeting.body())?;
    Ok(MeetingData {
        sections: rules::body_sections(&stored),
        people: meetings::people(conn)?,
        minutes,
        rights,
        members,
    })
}

/// The meeting for a change to its minutes: 403 for who does not minute it; 409 (the meeting page
/// with the reason) once someone has adjusted them.
fn load_editable(
    conn: &mut DbConnection,
    id: i64,
    user: &CurrentUser,
) -> Result<Result<MeetingData, Refused>, AppError> {
    let data = load(conn, id, user)?;
    if !data.rights.may_minute {
        return Err(AppError::Forbidden);
    }
    Ok(match check_editable(data.minutes.meeting.state()) {
        Ok(()) => Ok(data),
        Err(key) => Err(Refused::Conflict(Box::new(data), key)),
    })
}

/// Why a change to a meeting was not made, with the meeting page to show again.
enum Refused {
    /// Bad input: the page again with the messages beside the fields (422).
    Invalid(Box<MeetingData>, FieldErrors),
    /// The meeting's state refuses it: the page again with the reason (409).
    Conflict(Box<MeetingData>, &'static str),
}

impl Refused {
    /// The refusal of `db::meetings` for the meeting page `data`; a database error stays one.
    fn from_db(error: MeetingError, data: MeetingData) -> Result<Refused, AppError> {
        let data = Box::new(data);
        match error {
            MeetingError::Invalid { field, key } => {
                let mut errors = FieldErrors::new();
                errors.add(field, key);
                Ok(Refused::Invalid(data, errors))
            }
            MeetingError::Conflict(key) => Ok(Refused::Conflict(data, key)),
            MeetingError::NotSigner => Err(AppError::Forbidden),
            MeetingError::Phase(refusals) => {
                let key = match refusals.first() {
                    Some(Refusal::Ended { .. } | Refusal::NotNext { .. }) => {
                        "meeting-closure-not-closing"
                    }
                    Some(refusal) => refusal.key(),
                    None => "error-unknown-choice",
                };
                let mut errors = FieldErrors::new();
                errors.add("kind", key);
                Ok(Refused::Invalid(data, errors))
            }
            MeetingError::Db(error) => Err(error.into()),
        }
    }
}

/// A `db::meetings` error outside a form: the refusals the meeting page shows.
fn db_error(error: MeetingError) -> AppError {
    match error {
        MeetingError::NotSigner => AppError::Forbidden,
        MeetingError::Db(error) => error.into(),
        other => AppError::internal(other),
    }
}

/// The meeting page again with the reason a step was refused: 409.
fn refused_page(auth: &Auth, data: &MeetingData, key: &'static str) -> HttpResponse {
    conflict(crate::views::meetings::show::page(
        &auth.ctx,
        data,
        &Default::default(),
        Some(Message::Refused(key)),
    ))
}

/// The meeting page again with the input and the messages: 422.
fn invalid_page(auth: &Auth, data: &MeetingData, posted: &Posted) -> HttpResponse {
    invalid(crate::views::meetings::show::page(
        &auth.ctx, data, posted, None,
    ))
}

/// The active user with `username`, if any.
fn someone<'a>(people: &'a [Someone], username: &str) -> Option<&'a Someone> {
    let username = username.trim();
    people.iter().find(|p| p.username == username)
}

/// How a change to a meeting ended: the place to go next, or why it was not made.
type Step = Result<String, Refused>;

/// The answer to a change of the meeting page: a redirect, or the page again (422 with `posted`
/// and the messages, 409 with the reason).
fn answer_step(auth: &Auth, step: Step, mut posted: Posted) -> HttpResponse {
    match step {
        Ok(location) => crate::error::see_other(&location),
        Err(Refused::Invalid(data, errors)) => {
            posted.errors = errors;
            invalid_page(auth, &data, &posted)
        }
        Err(Refused::Conflict(data, key)) => refused_page(auth, &data, key),
    }
}

/// The values of the repeated field `name` of a posted form.
fn repeated(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// The value of the field `name` of a posted form, or empty.
fn single(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The meeting and its item `item_id` for a form under the item: 404 for an item of another
/// meeting, then as [`load_editable`].
fn load_item_editable(
    conn: &mut DbConnection,
    id: i64,
    item_id: i64,
    user: &CurrentUser,
) -> Result<Result<(MeetingData, meetings::ItemRow), Refused>, AppError> {
    let data = load(conn, id, user)?;
    let item = data
        .minutes
        .items
        .iter()
        .find(|i| i.id == item_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    if !data.rights.may_minute {
        return Err(AppError::Forbidden);
    }
    Ok(match check_editable(data.minutes.meeting.state()) {
        Ok(()) => Ok((data, item)),
        Err(key) => Err(Refused::Conflict(Box::new(data), key)),
    })
}

/// Runs a change of open minutes in one transaction: the meeting is loaded for a change (404,
/// 403, 409), then `change` decides; the answer is a redirect or the meeting page again.
async fn change_minutes<F>(
    auth: &Auth,
    state: &AppState,
    id: i64,
    posted: Posted,
    change: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut DbConnection, MeetingData, &CurrentUser) -> Result<Step, AppError>
        + Send
        + 'static,
{
    let user = auth.user.clone();
    let step = state
        .db
        .write(move |conn| match load_editable(conn, id, &user)? {
            Ok(data) => change(conn, data, &user),
            Err(refused) => Ok(Err(refused)),
        })
        .await?;
    Ok(answer_step(auth, step, posted))
}

/// The answer to a GET of a form under an item: the form's page, or the meeting page with the
/// reason the minutes no longer change (409).
fn form_page<T>(
    auth: &Auth,
    loaded: Result<T, Refused>,
    render: impl FnOnce(&T) -> maud::Markup,
) -> Result<HttpResponse, AppError> {
    match loaded {
        Ok(page) => Ok(HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(render(&page).into_string())),
        Err(Refused::Conflict(data, key)) => Ok(refused_page(auth, &data, key)),
        Err(Refused::Invalid(..)) => Err(AppError::internal("a form page is not posted")),
    }
}

/// How a form under an item ended: saved (where to go next), or its page again with the errors;
/// `Err` when the minutes no longer change.
type FormStep<P> = Result<Outcome<String, Box<P>>, Refused>;

/// The answer to a POST of a form under an item: a redirect, the form again (422) or the meeting
/// page with the reason (409).
fn form_answer<P>(
    auth: &Auth,
    step: FormStep<P>,
    render: impl FnOnce(&P, &FieldErrors) -> maud::Markup,
) -> Result<HttpResponse, AppError> {
    match step {
        Ok(Outcome::Saved(location)) => Ok(crate::error::see_other(&location)),
        Ok(Outcome::Invalid(page, errors)) => Ok(invalid(render(&page, &errors))),
        Ok(Outcome::Refused(..) | Outcome::Conflict(..)) => Err(AppError::internal(
            "a form of the minutes is refused as bad input",
        )),
        Err(Refused::Conflict(data, key)) => Ok(refused_page(auth, &data, key)),
        Err(Refused::Invalid(..)) => Err(AppError::internal("refused before parsing")),
    }
}
