//! `POST /meetings/{id}/attendance` (who of the body's members are present; the rest absent) and
//! `POST /meetings/{id}/items` (an item under a section).

use actix_web::{HttpResponse, web};

use super::{Refused, Step, answer_step, load_editable, repeated, someone};
use crate::db::meetings::{self, NewItem};
use crate::domain::meeting::{ItemForm, parse_item};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::views::meetings::Posted;
use crate::web::context::Auth;
use crate::web::forms::CsrfForm;
use crate::web::{AppState, path_id};

pub(super) async fn attendance(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let present = repeated(&pairs, "present");
    let ticked = present.clone();
    let user = auth.user.clone();
    let step: Step = state
        .db
        .write(move |conn| {
            let data = match load_editable(conn, id, &user)? {
                Ok(data) => data,
                Err(refused) => return Ok(Err(refused)),
            };
            let mut ids = Vec::new();
            for username in ticked.iter().filter(|u| !u.trim().is_empty()) {
                match someone(&data.people, username) {
                    Some(person) => ids.push(person.id),
                    None => {
                        let mut errors = FieldErrors::new();
                        errors.add("present", "error-meeting-not-member");
                        return Ok(Err(Refused::Invalid(Box::new(data), errors)));
                    }
                }
            }
            match meetings::set_attendance(conn, id, &ids, user.id) {
                Ok(()) => Ok(Ok(format!("/meetings/{id}?saved=attendance"))),
                Err(error) => Ok(Err(Refused::from_db(error, data)?)),
            }
        })
        .await?;
    let posted = Posted {
        present: Some(present),
        ..Posted::default()
    };
    Ok(answer_step(&auth, step, posted))
}

pub(super) async fn add_item(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ItemForm>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let posted = Posted {
        item: form.clone(),
        ..Posted::default()
    };
    let step: Step = state
        .db
        .write(move |conn| {
            let data = match load_editable(conn, id, &user)? {
                Ok(data) => data,
                Err(refused) => return Ok(Err(refused)),
            };
            let item = match parse_item(&form) {
                Ok(item) => item,
                Err(errors) => return Ok(Err(Refused::Invalid(Box::new(data), errors))),
            };
            let presenter_id = match item.presenter.as_deref() {
                None => None,
                Some(username) => match someone(&data.people, username) {
                    Some(person) => Some(person.id),
                    None => {
                        let mut errors = FieldErrors::new();
                        errors.add("presenter", "error-unknown-user");
                        return Ok(Err(Refused::Invalid(Box::new(data), errors)));
                    }
                },
            };
            let new = NewItem {
                section: &item.section,
                title: &item.title,
                notes: &item.notes,
                presenter_id,
                ..NewItem::default()
            };
            match meetings::add_item(conn, id, &new, user.id) {
                Ok(item_id) => Ok(Ok(format!("/meetings/{id}?saved=item#item-{item_id}"))),
                Err(error) => Ok(Err(Refused::from_db(error, data)?)),
            }
        })
        .await?;
    Ok(answer_step(&auth, step, posted))
}
