//! Administration: users, boards and units. Administrators only.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::auth::password;
use crate::db::{audit, settings, units, users};
use crate::domain::policy::Action;
use crate::domain::role::Role;
use crate::domain::session::parse_lifetimes;
use crate::domain::settings::parse_threshold;
use crate::domain::unit::{UnitInput, parse_name, parse_unit};
use crate::domain::user::{ChangeContext, parse_new_password, parse_new_user, parse_user_change};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::admin::{
    self as view, BoardForm, NewUserForm, SessionsForm, SettingsForm, UnitForm, UserForm,
};
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, SavedQuery, checked, invalid};
use crate::web::{AppState, path_id};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/users", web::get().to(users_list))
        .route("/admin/users", web::post().to(create_user))
        .route("/admin/users/new", web::get().to(new_user))
        .route("/admin/users/{id}", web::get().to(edit_user))
        .route("/admin/users/{id}", web::post().to(update_user))
        .route("/admin/users/{id}/password", web::post().to(reset_password))
        .route("/admin/units", web::get().to(units_list))
        .route("/admin/units", web::post().to(create_unit))
        .route("/admin/units/new", web::get().to(new_unit))
        .route("/admin/units/{id}", web::get().to(edit_unit))
        .route("/admin/units/{id}", web::post().to(update_unit))
        .route("/admin/boards", web::post().to(create_board))
        .route("/admin/boards/new", web::get().to(new_board))
        .route("/admin/boards/{id}", web::get().to(edit_board))
        .route("/admin/boards/{id}", web::post().to(update_board))
        .route("/admin/settings", web::get().to(settings_page))
        .route("/admin/settings", web::post().to(save_settings))
        .route(
            "/admin/settings/sessions",
            web::post().to(save_session_settings),
        );
}

// ----- users -----

async fn users_list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUsers)?;
    let list = state.db.run(|conn| Ok(users::list(conn)?)).await?;
    Ok(view::users(&auth.ctx, &list, !query.saved.is_empty()))
}

async fn new_user(auth: Auth) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUsers)?;
    let form = NewUserForm {
        role: Role::Reader.as_str().to_owned(),
        ..NewUserForm::default()
    };
    Ok(view::new_user(&auth.ctx, &form, &FieldErrors::new()))
}

async fn create_user(
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

async fn edit_user(
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

async fn update_user(
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
struct ResetForm {
    password: String,
    password_confirmation: String,
}

async fn reset_password(
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

// ----- boards and units -----

async fn units_list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    let (boards, units) = state
        .db
        .run(|conn| Ok((units::boards(conn)?, units::units(conn)?)))
        .await?;
    Ok(view::units(
        &auth.ctx,
        &boards,
        &units,
        !query.saved.is_empty(),
    ))
}

async fn new_board(auth: Auth) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    Ok(view::board_form(
        &auth.ctx,
        None,
        &BoardForm::default(),
        &FieldErrors::new(),
    ))
}

async fn create_board(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<BoardForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    save_board(auth, state, None, form).await
}

async fn edit_board(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    let board_id = path_id(&path)?;
    let board = state
        .db
        .run(move |conn| units::board(conn, board_id)?.ok_or(AppError::NotFound))
        .await?;
    let form = BoardForm { name: board.name };
    Ok(view::board_form(
        &auth.ctx,
        Some(board_id),
        &form,
        &FieldErrors::new(),
    ))
}

async fn update_board(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<BoardForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    let board_id = path_id(&path)?;
    state
        .db
        .run(move |conn| units::board(conn, board_id)?.ok_or(AppError::NotFound))
        .await?;
    save_board(auth, state, Some(board_id), form).await
}

/// Creates (`board_id` none) or renames a board.
async fn save_board(
    auth: Auth,
    state: web::Data<AppState>,
    board_id: Option<i64>,
    form: BoardForm,
) -> Result<HttpResponse, AppError> {
    let name = match parse_name(&form.name) {
        Ok(name) => name,
        Err(key) => return Ok(invalid_board(&auth, board_id, &form, key)),
    };
    let actor = auth.user.id;
    let saved = state
        .db
        .write(move |conn| {
            if units::board_name_taken(conn, &name, board_id)? {
                return Ok(false);
            }
            let before = board_id
                .map(|id| units::board(conn, id))
                .transpose()?
                .flatten();
            let id = match board_id {
                Some(id) => {
                    units::rename_board(conn, id, &name)?;
                    id
                }
                None => units::insert_board(conn, &name)?,
            };
            let before_name = before.as_ref().map(|b| b.name.as_str());
            units::audit_change(conn, actor, "board", id, before_name, &name, None)?;
            Ok(true)
        })
        .await?;
    if saved {
        Ok(see_other("/admin/units?saved=1"))
    } else {
        Ok(invalid_board(&auth, board_id, &form, "error-name-taken"))
    }
}

fn invalid_board(
    auth: &Auth,
    board_id: Option<i64>,
    form: &BoardForm,
    key: &'static str,
) -> HttpResponse {
    let mut errors = FieldErrors::new();
    errors.add("name", key);
    invalid(view::board_form(&auth.ctx, board_id, form, &errors))
}

async fn new_unit(auth: Auth, state: web::Data<AppState>) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    let boards = state.db.run(|conn| Ok(units::boards(conn)?)).await?;
    Ok(view::unit_form(
        &auth.ctx,
        None,
        &UnitForm::default(),
        &FieldErrors::new(),
        &boards,
    ))
}

async fn create_unit(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<UnitForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    save_unit(auth, state, None, form).await
}

async fn edit_unit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    let unit_id = path_id(&path)?;
    let (unit, boards) = state
        .db
        .run(move |conn| {
            let unit = units::unit(conn, unit_id)?.ok_or(AppError::NotFound)?;
            Ok((unit, units::boards(conn)?))
        })
        .await?;
    let form = UnitForm {
        name: unit.name,
        board_id: unit.board_id.to_string(),
    };
    Ok(view::unit_form(
        &auth.ctx,
        Some(unit_id),
        &form,
        &FieldErrors::new(),
        &boards,
    ))
}

async fn update_unit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<UnitForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    let unit_id = path_id(&path)?;
    state
        .db
        .run(move |conn| units::unit(conn, unit_id)?.ok_or(AppError::NotFound))
        .await?;
    save_unit(auth, state, Some(unit_id), form).await
}

/// Creates (`unit_id` none) or changes a unit.
async fn save_unit(
    auth: Auth,
    state: web::Data<AppState>,
    unit_id: Option<i64>,
    form: UnitForm,
) -> Result<HttpResponse, AppError> {
    let submitted = form.clone();
    let actor = auth.user.id;
    let outcome = state
        .db
        .write(move |conn| {
            let boards = units::boards(conn)?;
            let board_ids: Vec<i64> = boards.iter().map(|b| b.id).collect();
            let input: UnitInput = match parse_unit(&form.name, &form.board_id, &board_ids) {
                Ok(input) => input,
                Err(errors) => return Ok(Err((errors, boards))),
            };
            if units::unit_name_taken(conn, &input.name, unit_id)? {
                let mut errors = FieldErrors::new();
                errors.add("name", "error-name-taken");
                return Ok(Err((errors, boards)));
            }
            let before = unit_id
                .map(|id| units::unit(conn, id))
                .transpose()?
                .flatten();
            let id = match unit_id {
                Some(id) => {
                    units::update_unit(conn, id, &input.name, input.board_id)?;
                    id
                }
                None => units::insert_unit(conn, &input.name, input.board_id)?,
            };
            let before_name = before.as_ref().map(|u| u.name.as_str());
            let board = Some(input.board_id);
            units::audit_change(conn, actor, "unit", id, before_name, &input.name, board)?;
            Ok(Ok(()))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other("/admin/units?saved=1")),
        Err((errors, boards)) => Ok(invalid(view::unit_form(
            &auth.ctx, unit_id, &submitted, &errors, &boards,
        ))),
    }
}

// ----- settings -----

/// The settings as stored, in the shape of the page's two forms.
async fn stored_settings(state: &AppState) -> Result<(SettingsForm, SessionsForm), AppError> {
    let (threshold, lifetimes) = state
        .db
        .run(|conn| {
            Ok((
                settings::management_group_threshold(conn)?,
                settings::session_lifetimes(conn)?,
            ))
        })
        .await?;
    Ok((
        SettingsForm {
            threshold_sek: threshold.to_string(),
        },
        SessionsForm {
            session_idle_hours: lifetimes.idle_hours.to_string(),
            session_absolute_days: lifetimes.absolute_days.to_string(),
        },
    ))
}

async fn settings_page(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let (form, sessions) = stored_settings(&state).await?;
    Ok(view::settings(
        &auth.ctx,
        &form,
        &sessions,
        &FieldErrors::new(),
        !query.saved.is_empty(),
    ))
}

async fn save_settings(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let threshold = match parse_threshold(&form.threshold_sek) {
        Ok(threshold) => threshold,
        Err(key) => {
            let mut errors = FieldErrors::new();
            errors.add("threshold_sek", key);
            let (_, sessions) = stored_settings(&state).await?;
            return Ok(invalid(view::settings(
                &auth.ctx, &form, &sessions, &errors, false,
            )));
        }
    };
    let actor = auth.user.id;
    state
        .db
        .write(move |conn| {
            let before = settings::management_group_threshold(conn)?;
            settings::set_management_group_threshold(conn, threshold)?;
            audit_setting(conn, actor, &before, &threshold)
        })
        .await?;
    Ok(see_other("/admin/settings?saved=1"))
}

/// `POST /admin/settings/sessions`: how long a login lasts. Logins already open are held to the
/// new lifetimes from their next request.
async fn save_session_settings(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(sessions): CsrfForm<SessionsForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let lifetimes = match parse_lifetimes(
        &sessions.session_idle_hours,
        &sessions.session_absolute_days,
    ) {
        Ok(lifetimes) => lifetimes,
        Err(errors) => {
            let (form, _) = stored_settings(&state).await?;
            return Ok(invalid(view::settings(
                &auth.ctx, &form, &sessions, &errors, false,
            )));
        }
    };
    let actor = auth.user.id;
    state
        .db
        .write(move |conn| {
            let before = settings::session_lifetimes(conn)?;
            settings::set_session_lifetimes(conn, &lifetimes)?;
            audit_setting(conn, actor, &before, &lifetimes)
        })
        .await?;
    Ok(see_other("/admin/settings?saved=1"))
}

fn audit_setting<T: serde::Serialize>(
    conn: &mut crate::db::DbConnection,
    actor: i64,
    before: &T,
    after: &T,
) -> Result<(), AppError> {
    audit::record(
        conn,
        &audit::Change {
            user_id: Some(actor),
            action: audit::Action::Update,
            entity: "setting",
            entity_id: 1,
            project_id: None,
            before: Some(before),
            after: Some(after),
        },
    )?;
    Ok(())
}
