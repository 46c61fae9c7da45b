//! `POST /meetings/{id}/hold` (a planned meeting is held: its minutes are drafted) and
//! `POST /meetings/{id}/adjust` (the chair and the adjuster adjust the minutes, each once; the
//! second signature locks them).

use actix_web::{HttpResponse, web};

use super::{Refused, Step, answer_step, load};
use crate::db::meetings::{self, MeetingError};
use crate::db::{DbConnection, now};
use crate::error::AppError;
use crate::views::meetings::Posted;
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, Empty};
use crate::web::{AppState, path_id};

/// A step of the meeting's life: who may take it, and what it does.
struct Sign {
    /// Only who minutes the meeting; otherwise `db::meetings` decides who may (the signers).
    minutes_only: bool,
    run: fn(&mut DbConnection, i64, &CurrentUser) -> Result<(), MeetingError>,
    saved: &'static str,
}

async fn take(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    sign: Sign,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let step: Step = state
        .db
        .write(move |conn| {
            let data = load(conn, id, &user)?;
            if sign.minutes_only && !data.rights.may_minute {
                return Err(AppError::Forbidden);
            }
            match (sign.run)(conn, id, &user) {
                Ok(()) => Ok(Ok(format!("/meetings/{id}?saved={}", sign.saved))),
                Err(error) => Ok(Err(Refused::from_db(error, data)?)),
            }
        })
        .await?;
    Ok(answer_step(&auth, step, Posted::default()))
}

pub(super) async fn hold(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let sign = Sign {
        minutes_only: true,
        run: |conn, id, user| meetings::hold(conn, id, user.id),
        saved: "held",
    };
    take(auth, state, path, sign).await
}

pub(super) async fn adjust(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let sign = Sign {
        minutes_only: false,
        run: |conn, id, user| meetings::adjust(conn, id, user.id, now()).map(|_| ()),
        saved: "adjusted",
    };
    take(auth, state, path, sign).await
}
