//! `POST /meetings/{id}/attendance` (who of the body's members are present; the rest absent) and
//! `POST /meetings/{id}/items` (an item under a section).

use actix_web::{HttpResponse, web};

use super::{Refused, Step, change_minutes, repeated, someone};
use crate::db::DbConnection;
use crate::db::meetings::{self, NewItem};
use crate::domain::meeting::{ItemForm, parse_item};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::views::meetings::{MeetingData, Posted};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::CsrfForm;
use crate::web::{AppState, path_id};

/// The page again with `key` beside `field`.
fn refused(data: MeetingData, field: &'static str, key: &'static str) -> Step {
    let mut errors = FieldErrors::new();
    errors.add(field, key);
    Err(Refused::Invalid(Box::new(data), errors))
}

pub(super) async fn attendance(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let present = repeated(&pairs, "present");
    let posted = Posted {
        present: Some(present.clone()),
        ..Posted::default()
    };
    change_minutes(
        &auth,
        &state,
        path_id(&path)?,
        posted,
        move |conn, data, user| take_attendance(conn, data, &present, user),
    )
    .await
}

/// The ticked usernames, each a member of the body, present; the other members absent.
fn take_attendance(
    conn: &mut DbConnection,
    data: MeetingData,
    present: &[String],
    user: &CurrentUser,
) -> Result<Step, AppError> {
    let mut ids = Vec::new();
    for username in present.iter().filter(|u| !u.trim().is_empty()) {
        match someone(&data.people, username) {
            Some(person) => ids.push(person.id),
            None => return Ok(refused(data, "present", "error-meeting-not-member")),
        }
    }
    let id = data.minutes.meeting.id;
    match meetings::set_attendance(conn, id, &ids, user.id) {
        Ok(()) => Ok(Ok(format!("/meetings/{id}?saved=attendance"))),
        Err(error) => Ok(Err(Refused::from_db(error, data)?)),
    }
}

pub(super) async fn add_item(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ItemForm>,
) -> Result<HttpResponse, AppError> {
    let posted = Posted {
        item: form.clone(),
        ..Posted::default()
    };
    change_minutes(
        &auth,
        &state,
        path_id(&path)?,
        posted,
        move |conn, data, user| insert_item(conn, data, &form, user),
    )
    .await
}

/// The item parsed, its presenter found, then added under its section.
fn insert_item(
    conn: &mut DbConnection,
    data: MeetingData,
    form: &ItemForm,
    user: &CurrentUser,
) -> Result<Step, AppError> {
    let item = match parse_item(form) {
        Ok(item) => item,
        Err(errors) => return Ok(Err(Refused::Invalid(Box::new(data), errors))),
    };
    let presenter_id = match item.presenter.as_deref().map(|u| someone(&data.people, u)) {
        None => None,
        Some(Some(person)) => Some(person.id),
        Some(None) => return Ok(refused(data, "presenter", "error-unknown-user")),
    };
    let project_id = match item.project.as_deref() {
        None => None,
        Some(code) => match crate::db::projects::id_by_code(conn, code)? {
            Some(id) => Some(id),
            None => return Ok(refused(data, "project", "error-unknown-project-code")),
        },
    };
    let period = item.follow_up_period.map(|p| p.to_string());
    let new = NewItem {
        section: &item.section,
        title: &item.title,
        notes: &item.notes,
        presenter_id,
        project_id,
        follow_up_period: period.as_deref(),
        ..NewItem::default()
    };
    let id = data.minutes.meeting.id;
    match meetings::add_item(conn, id, &new, user.id) {
        Ok(item_id) => Ok(Ok(format!("/meetings/{id}?saved=item#item-{item_id}"))),
        Err(error) => Ok(Err(Refused::from_db(error, data)?)),
    }
}
