//! `POST /meetings/{id}/hold` (a planned meeting is held: its minutes are drafted) and
//! `POST /meetings/{id}/adjust` (the chair and the adjuster adjust the minutes, each once; the
//! second signature locks them).

use actix_web::{HttpResponse, web};

use super::{Refused, Step, answer_step, load};
use crate::db::{meetings, now};
use crate::error::AppError;
use crate::views::meetings::Posted;
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, Empty};
use crate::web::{AppState, path_id};

pub(super) async fn hold(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let step: Step = state
        .db
        .write(move |conn| {
            let data = load(conn, id, &user)?;
            if !data.rights.may_minute {
                return Err(AppError::Forbidden);
            }
            match meetings::hold(conn, id, user.id) {
                Ok(()) => Ok(Ok(format!("/meetings/{id}?saved=held"))),
                Err(error) => Ok(Err(Refused::from_db(error, data)?)),
            }
        })
        .await?;
    Ok(answer_step(&auth, step, Posted::default()))
}

pub(super) async fn adjust(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let step: Step = state
        .db
        .write(move |conn| {
            let data = load(conn, id, &user)?;
            match meetings::adjust(conn, id, user.id, now()) {
                Ok(_) => Ok(Ok(format!("/meetings/{id}?saved=adjusted"))),
                Err(error) => Ok(Err(Refused::from_db(error, data)?)),
            }
        })
        .await?;
    Ok(answer_step(&auth, step, Posted::default()))
}
