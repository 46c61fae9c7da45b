//! A user's own account: their password and their language.

use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use crate::auth::password;
use crate::auth::session::TypedSession;
use crate::db::users;
use crate::domain::lang::Lang;
use crate::domain::user::parse_new_password;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::account as view;
use crate::web::AppState;
use crate::web::auth::save_user_language;
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, SavedQuery, invalid};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/account", web::get().to(show))
        .route("/account/language", web::post().to(language))
        .route("/account/password", web::get().to(password_page))
        .route("/account/password", web::post().to(change_password));
}

async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    let id = auth.user.id;
    let user = state
        .db
        .run(move |conn| users::find(conn, id)?.ok_or(AppError::NotFound))
        .await?;
    Ok(view::account(&auth.ctx, &user, &query.saved))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct LanguageForm {
    language: String,
}

async fn language(
    req: HttpRequest,
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&form.language).ok_or(AppError::BadRequest)?;
    TypedSession::of(&req).set_lang(lang);
    save_user_language(&auth.ctx, &state, lang).await?;
    Ok(see_other("/account?saved=language"))
}

async fn password_page(auth: Auth, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let id = auth.user.id;
    let must_change = state
        .db
        .run(move |conn| Ok(users::find(conn, id)?.is_some_and(|u| u.must_change_password)))
        .await?;
    Ok(view::password(&auth.ctx, &FieldErrors::new(), must_change))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
    new_password_confirmation: String,
}

enum Changed {
    Yes {
        generation: i64,
    },
    No {
        errors: FieldErrors,
        must_change: bool,
    },
}

async fn change_password(
    req: HttpRequest,
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let id = auth.user.id;
    // A stolen session must not be a way to guess the password.
    let admitted = state
        .db
        .write(move |conn| {
            Ok(crate::db::throttle::attempt_password_check(
                conn,
                id,
                crate::db::now(),
            )?)
        })
        .await?;
    if !admitted {
        return Err(AppError::TooManyRequests);
    }
    let checked = state
        .db
        .run(move |conn| {
            let user = users::find(conn, id)?.ok_or(AppError::NotFound)?;
            let mut errors = FieldErrors::new();
            if !password::verify(&form.current_password, &user.password_hash) {
                errors.add("current_password", "error-current-password");
            }
            let new_password = errors.check(
                "new_password",
                parse_new_password(&form.new_password, &form.new_password_confirmation),
            );
            if new_password.as_deref() == Some(form.current_password.as_str()) {
                errors.add("new_password", "error-password-unchanged");
            }
            Ok(match new_password {
                Some(new_password) if errors.is_empty() => Ok(password::hash(&new_password)),
                _ => Err(Changed::No {
                    errors,
                    must_change: user.must_change_password,
                }),
            })
        })
        .await?;
    let changed = match checked {
        Ok(hash) => {
            state
                .db
                .write(move |conn| {
                    let before = users::snapshot(conn, id)?;
                    let generation = users::set_password(conn, id, &hash, false)?;
                    users::audit_change(conn, id, id, before.as_ref())?;
                    Ok(Changed::Yes { generation })
                })
                .await?
        }
        Err(refused) => refused,
    };
    match changed {
        Changed::Yes { generation } => {
            // Other sessions of this user end; this one goes on.
            TypedSession::of(&req).set_generation(generation);
            Ok(see_other("/account?saved=password"))
        }
        Changed::No {
            errors,
            must_change,
        } => Ok(invalid(view::password(&auth.ctx, &errors, must_change))),
    }
}
