//! `GET /decisions/{id}`: one decision's permanent page.

use actix_web::web;
use maud::Markup;

use super::viewer;
use crate::db::decision_log;
use crate::domain::policy::Action;
use crate::error::AppError;
use crate::views::decisions::show as view;
use crate::web::context::Auth;
use crate::web::forms::SavedQuery;
use crate::web::{AppState, path_id};

pub async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    id: web::Path<String>,
    saved: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&id)?;
    let detail = state
        .db
        .run(move |conn| decision_log::detail(conn, id)?.ok_or(AppError::NotFound))
        .await?;
    Ok(view::show(
        &auth.ctx,
        viewer(&auth.user),
        &detail,
        saved.saved == "recorded",
    ))
}
