//! `GET /meetings/{id}` (the meeting page) and `GET /meetings/{id}/minutes` (the printable
//! minutes).

use actix_web::web;
use maud::Markup;

use super::load;
use crate::error::AppError;
use crate::views::documents::Message;
use crate::views::meetings::{Posted, minutes as minutes_view, show as view};
use crate::web::context::Auth;
use crate::web::forms::SavedQuery;
use crate::web::{AppState, path_id};

pub(super) async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let data = state.db.run(move |conn| load(conn, id, &user)).await?;
    let message = (!query.saved.is_empty()).then_some(Message::Notice("meeting-saved"));
    Ok(view::page(&auth.ctx, &data, &Posted::default(), message))
}

pub(super) async fn minutes(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<Markup, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let data = state.db.run(move |conn| load(conn, id, &user)).await?;
    Ok(minutes_view::page(&auth.ctx, &data))
}
