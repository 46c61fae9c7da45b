//! `/admin/units` and `/admin/boards`: the boards and the units that serve them.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::units;
use crate::domain::policy::Action;
use crate::domain::unit::{UnitInput, parse_name, parse_unit};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::admin::{self as view, BoardForm, UnitForm};
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, SavedQuery, invalid};
use crate::web::{AppState, path_id};

pub(super) async fn units_list(
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

pub(super) async fn new_board(auth: Auth) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    Ok(view::board_form(
        &auth.ctx,
        None,
        &BoardForm::default(),
        &FieldErrors::new(),
    ))
}

pub(super) async fn create_board(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<BoardForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    save_board(auth, state, None, form).await
}

pub(super) async fn edit_board(
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

pub(super) async fn update_board(
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

pub(super) async fn new_unit(auth: Auth, state: web::Data<AppState>) -> Result<Markup, AppError> {
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

pub(super) async fn create_unit(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<UnitForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerUnits)?;
    save_unit(auth, state, None, form).await
}

pub(super) async fn edit_unit(
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

pub(super) async fn update_unit(
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
