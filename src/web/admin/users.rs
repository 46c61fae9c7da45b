//! `/admin/users`: creating users, changing their name, role and state, and resetting passwords.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::auth::password;
use crate::db::users;
use crate::domain::policy::Action;
use crate::domain::role::Role;
use crate::domain::user::{ChangeContext, parse_new_password, parse_new_user, parse_user_change};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::admin::{self as view, NewUserForm, UserForm};
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, SavedQuery, checked, invalid};
use crate::web::{AppState, path_id};

pub(super) async fn users_list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUsers)?;
    let list = state.db.run(|conn| Ok(users::list(conn)?)).await?;
    Ok(view::users(&auth.ctx, &list, !query.saved.is_empty()))
}

pub(super) async fn new_user(auth: Auth) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUsers)?;
    let form = NewUserForm {
        role: Role::Reader.as_str().to_owned(),
        ..NewUserForm::default()
    };
    Ok(view::new_user(&auth.ctx, &form, &FieldErrors::new()))
}

pub(super) async fn create_user(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<NewUserForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUsers)?;
    let parsed = parse_new_user(
        &form.username,
        &form.display_name,
        &form.role,
        &form.password,
        &form.password_confirmation,
    );
    let new = match parsed {
        Ok(new) => new,
        Err(errors) => return Ok(invalid(view::new_user(&auth.ctx, &form, &errors))),
    };
    let actor = auth.user.id;
    // Hashed before the writer's turn is taken: a hash takes tens of milliseconds by design.
    let password = new.password.clone();
    let hash = state.db.run(move |_| Ok(password::hash(&password))).await?;
    let created = state
        .db
        .write(move |conn| {
            if users::username_taken(conn, &new.username)? {
                return Ok(None);
            }
            let id = users::insert(
                conn,
                &users::NewUserRow {
                    username: &new.username,
                    display_name: &new.display_name,
                    role: new.role,
                    password_hash: &hash,
                    // The administrator chose it, so the user replaces it with their own.
                    must_change_password: true,
                },
            )?;
            users::audit_change(conn, actor, id, None)?;
            Ok(Some(id))
        })
        .await?;
    match created {
        Some(_) => Ok(see_other("/admin/users?saved=1")),
        None => {
            let mut errors = FieldErrors::new();
            errors.add("username", "error-username-taken");
            Ok(invalid(view::new_user(&auth.ctx, &form, &errors)))
        }
    }
}

async fn load_user(state: &AppState, id: i64) -> Result<users::UserRow, AppError> {
    state
        .db
        .run(move |conn| users::find(conn, id)?.ok_or(AppError::NotFound))
        .await
}

pub(super) async fn edit_user(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUsers)?;
    let user = load_user(&state, path_id(&path)?).await?;
    let form = UserForm::from(&user);
    let no_errors = FieldErrors::new();
    Ok(view::edit_user(
        &auth.ctx,
        &user,
        &form,
        &no_errors,
        &no_errors,
        &query.saved,
    ))
}

pub(super) async fn update_user(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<UserForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUsers)?;
    let user_id = path_id(&path)?;
    let actor = auth.user.id;
    let submitted = form.clone();
    // Counting administrators and saving happen in one transaction, so two administrators
    // demoting each other at once cannot leave none.
    let outcome = state
        .db
        .write(move |conn| {
            let user = users::find(conn, user_id)?.ok_or(AppError::NotFound)?;
            let context = ChangeContext {
                is_self: user.id == actor,
                was_active_admin: user.active && user.role() == Role::Administrator,
                active_admins: users::count_active_admins(conn)?,
            };
            match parse_user_change(
                &form.display_name,
                &form.role,
                checked(&form.active),
                context,
            ) {
                Ok(change) => {
                    let before = users::snapshot(conn, user_id)?;
                    users::update_account(
                        conn,
                        user_id,
                        &change.display_name,
                        change.role,
                        change.active,
                    )?;
                    users::audit_change(conn, actor, user_id, before.as_ref())?;
                    Ok(Ok(()))
                }
                Err(errors) => Ok(Err((errors, user))),
            }
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/admin/users/{user_id}?saved=account"))),
        Err((errors, user)) => Ok(invalid(view::edit_user(
            &auth.ctx,
            &user,
            &submitted,
            &errors,
            &FieldErrors::new(),
            "",
        ))),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ResetForm {
    password: String,
    password_confirmation: String,
}

pub(super) async fn reset_password(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUsers)?;
    let user = load_user(&state, path_id(&path)?).await?;
    match parse_new_password(&form.password, &form.password_confirmation) {
        Ok(new_password) => {
            let user_id = user.id;
            let actor = auth.user.id;
            let hash = state
                .db
                .run(move |_| Ok(password::hash(&new_password)))
                .await?;
            state
                .db
                .write(move |conn| {
                    let before = users::snapshot(conn, user_id)?;
                    // The user must choose their own at next login; their sessions end now.
                    users::set_password(conn, user_id, &hash, true)?;
                    users::audit_change(conn, actor, user_id, before.as_ref())?;
                    Ok(())
                })
                .await?;
            Ok(see_other(&format!("/admin/users/{user_id}?saved=password")))
        }
        Err(key) => {
            let mut errors = FieldErrors::new();
            errors.add("password", key);
            let form = UserForm::from(&user);
            Ok(invalid(view::edit_user(
                &auth.ctx,
                &user,
                &form,
                &FieldErrors::new(),
                &errors,
                "",
            )))
        }
    }
}
