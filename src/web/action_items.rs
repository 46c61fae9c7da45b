//! Action items (åtgärder): `GET /action-items` (one's own; for those who follow up the
//! management group's work everyone's, `?by=owner` and `?by=meeting`), `GET /action-items/{id}`
//! (one item, with the closing form) and `POST /action-items/{id}` (`state` = `done` or
//! `cancelled`, `comment`): an owner closes their own item, the management group and the
//! administrator any; once.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use maud::Markup;

use crate::db::DbConnection;
use crate::db::action_items::{self, Filter, Listed};
use crate::domain::action_item::{
    CloseForm, CloseRefusal, Standing, may_close, parse_closing, sort_key,
};
use crate::domain::policy::Action;
use crate::error::{AppError, see_other};
use crate::views::action_items::{self as view, By, CloseFormView, ListPage};
use crate::views::documents::Message;
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, Outcome, SavedQuery, conflict, invalid};
use crate::web::{AppState, path_id, today};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/action-items", web::get().to(list))
        .route("/action-items/{id}", web::get().to(show))
        .route("/action-items/{id}", web::post().to(close));
}

#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    by: String,
}

/// `items` in the order every list shows them: overdue first, then open, then closed; by due date.
pub fn in_order(items: &mut [Listed], today: NaiveDate) {
    items.sort_by_key(|l| {
        let standing = Standing::of(l.item.state(), l.item.due_on, today);
        sort_key(standing, l.item.due_on, l.item.id)
    });
}

async fn list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<Markup, AppError> {
    let by = By::parse(&query.by);
    let may_see_all = auth.user.may(Action::ViewAllActionItems);
    let filter = match by {
        By::Mine => Filter {
            owner: Some(auth.user.id),
            ..Filter::default()
        },
        By::Owner | By::Meeting if may_see_all => Filter::default(),
        By::Owner | By::Meeting => return Err(AppError::Forbidden),
    };
    let today = today();
    let mut items = state
        .db
        .run(move |conn| Ok(action_items::list(conn, filter)?))
        .await?;
    in_order(&mut items, today);
    Ok(view::list(
        &auth.ctx,
        &ListPage {
            by,
            items: &items,
            today,
            may_see_all,
        },
    ))
}

/// The item, for someone who may see it: its owners and those who see everyone's.
fn visible(conn: &mut DbConnection, id: i64, user: &CurrentUser) -> Result<Listed, AppError> {
    let item = action_items::find(conn, id)?.ok_or(AppError::NotFound)?;
    if item.is_owner(user.id) || user.may(Action::ViewAllActionItems) {
        Ok(item)
    } else {
        Err(AppError::Forbidden)
    }
}

async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let item = state.db.run(move |conn| visible(conn, id, &user)).await?;
    let note = (query.saved == "closed").then_some(Message::Notice("action-closed-notice"));
    Ok(view::show(&auth.ctx, &item, today(), None, note))
}

/// Closes the item inside the write's transaction: 404, 403, then 409 for an item closed
/// already (also by someone a moment before), 422 for the form.
fn close_in(
    conn: &mut DbConnection,
    id: i64,
    user: &CurrentUser,
    form: &CloseForm,
) -> Result<Outcome<i64, Listed>, AppError> {
    let item = action_items::find(conn, id)?.ok_or(AppError::NotFound)?;
    if !may_close(user.role, item.is_owner(user.id)) {
        return Err(AppError::Forbidden);
    }
    let closing = match parse_closing(item.item.state(), form) {
        Ok(closing) => closing,
        Err(CloseRefusal::AlreadyClosed) => {
            return Ok(Outcome::Conflict(item, Some("action-refused-closed")));
        }
        Err(CloseRefusal::Invalid(errors)) => return Ok(Outcome::Invalid(item, errors)),
    };
    match action_items::close(conn, &item.item, &closing, user.id)? {
        Some(_) => Ok(Outcome::Saved(id)),
        None => {
            let now = action_items::find(conn, id)?.ok_or(AppError::NotFound)?;
            Ok(Outcome::Conflict(now, Some("action-refused-closed")))
        }
    }
}

async fn close(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let typed = form.clone();
    let outcome = state
        .db
        .write(move |conn| close_in(conn, id, &user, &form))
        .await?;
    let today = today();
    match outcome {
        Outcome::Saved(id) => Ok(see_other(&format!("/action-items/{id}?saved=closed"))),
        Outcome::Invalid(item, errors) => {
            let form = CloseFormView {
                form: &typed,
                errors: &errors,
            };
            Ok(invalid(view::show(
                &auth.ctx,
                &item,
                today,
                Some(form),
                None,
            )))
        }
        Outcome::Conflict(item, reason) => {
            let note = reason.map(Message::Refused);
            Ok(conflict(view::show(&auth.ctx, &item, today, None, note)))
        }
        Outcome::Refused(..) => Err(AppError::internal(
            "closing an action item has no refusal beyond its form",
        )),
    }
}
