//! `GET` and `POST /meetings/{id}/items/{item}/actions`: an action item handed out under an item,
//! with one or more owners (users, or a group resolved to its members now) and a due date not
//! before the meeting.

use actix_web::{HttpResponse, web};

use super::{
    FormStep, Refused, form_answer, form_page, ids, load_item_editable, repeated, single, someone,
};
use crate::db::DbConnection;
use crate::db::meetings::{self, ItemRow, Someone};
use crate::domain::meeting::{ActionForm, OwnerChoice, parse_action};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::views::meetings::MeetingData;
use crate::views::meetings::forms::action_page;
use crate::web::AppState;
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, Outcome};

type Added = FormStep<(MeetingData, ItemRow)>;

pub(super) async fn form(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, item_id) = ids(&path)?;
    let user = auth.user.clone();
    let loaded = state
        .db
        .run(move |conn| load_item_editable(conn, id, item_id, &user))
        .await?;
    form_page(&auth, loaded, |(data, item)| {
        action_page(
            &auth.ctx,
            data,
            item,
            &ActionForm::default(),
            &FieldErrors::new(),
        )
    })
}

pub(super) async fn add(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (id, item_id) = ids(&path)?;
    let form = ActionForm {
        text: single(&pairs, "text"),
        due_on: single(&pairs, "due_on"),
        owners: repeated(&pairs, "owners"),
    };
    let posted = form.clone();
    let user = auth.user.clone();
    let added: Added = state
        .db
        .write(
            move |conn| match load_item_editable(conn, id, item_id, &user)? {
                Ok((data, item)) => create(conn, data, item, &form, &user),
                Err(refused) => Ok(Err(refused)),
            },
        )
        .await?;
    form_answer(&auth, added, |(data, item), errors| {
        action_page(&auth.ctx, data, item, &posted, errors)
    })
}

/// The users the owners name: a username, or every active member of a group.
fn resolve_owners(people: &[Someone], owners: &[OwnerChoice]) -> Result<Vec<i64>, &'static str> {
    let mut ids = Vec::new();
    for owner in owners {
        let found: Vec<i64> = match owner {
            OwnerChoice::User(username) => someone(people, username)
                .map(|p| p.id)
                .into_iter()
                .collect(),
            OwnerChoice::Group(role) => people
                .iter()
                .filter(|p| p.role == role.as_str())
                .map(|p| p.id)
                .collect(),
        };
        if found.is_empty() {
            return Err("error-action-owner-unknown");
        }
        ids.extend(found);
    }
    Ok(ids)
}

fn create(
    conn: &mut DbConnection,
    data: MeetingData,
    item: ItemRow,
    form: &ActionForm,
    user: &CurrentUser,
) -> Result<Added, AppError> {
    let parsed = parse_action(form, data.minutes.meeting.held_on).and_then(|parsed| {
        match resolve_owners(&data.people, &parsed.owners) {
            Ok(owners) => Ok((parsed, owners)),
            Err(key) => {
                let mut errors = FieldErrors::new();
                errors.add("owners", key);
                Err(errors)
            }
        }
    });
    let (parsed, owners) = match parsed {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(Ok(Outcome::Invalid(Box::new((data, item)), errors))),
    };
    let meeting_id = data.minutes.meeting.id;
    match meetings::add_action(conn, item.id, &parsed.text, parsed.due_on, &owners, user.id) {
        Ok(_) => Ok(Ok(Outcome::Saved(format!(
            "/meetings/{meeting_id}?saved=action#item-{}",
            item.id
        )))),
        Err(error) => match Refused::from_db(error, data)? {
            Refused::Invalid(data, errors) => {
                Ok(Ok(Outcome::Invalid(Box::new((*data, item)), errors)))
            }
            conflict => Ok(Err(conflict)),
        },
    }
}
