//! Health, static files, the accessibility statement, and the pages for errors.

use actix_web::body::EitherBody;
use actix_web::dev::ServiceResponse;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpMessage, HttpResponse, web};
use maud::Markup;

use crate::domain::role::Role;
use crate::error::{AppError, RenderErrorPage};
use crate::views::pages;
use crate::web::AppState;
use crate::web::context::{Auth, Ctx, Visitor, anonymous_ctx};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route("/healthz", web::get().to(healthz))
        .route("/accessibility", web::get().to(accessibility))
        .route("/static/{file}", web::get().to(static_file));
}

/// The start page: what waits for the user (`web::portfolio::start`).
async fn home(auth: Auth, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let user = auth.user.clone();
    let today = crate::web::today();
    let statuses = match user.role {
        Role::DevelopmentManager | Role::ProjectLead => Some(
            state
                .statuses(today, crate::db::statuses::Reach::Recent)
                .await?,
        ),
        _ => None,
    };
    let start = state
        .db
        .run(move |conn| crate::web::portfolio::start::load(conn, &user, today, statuses))
        .await?;
    Ok(crate::views::start::page_markup(&auth.ctx, &start))
}

/// 200 `ok` when the database answers, 503 when it does not.
async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    if state.db.is_healthy().await {
        HttpResponse::Ok().content_type("text/plain").body("ok")
    } else {
        HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body("database unavailable")
    }
}

/// The accessibility statement is public: the law asks that anyone can read it and report a
/// problem, also someone who cannot log in.
async fn accessibility(Visitor(ctx): Visitor) -> Markup {
    pages::accessibility(&ctx)
}

#[derive(rust_embed::Embed)]
#[folder = "static/"]
struct Assets;

async fn static_file(path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let file = Assets::get(&path).ok_or(AppError::NotFound)?;
    let mime = file.metadata.mimetype();
    Ok(HttpResponse::Ok()
        .content_type(mime)
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(file.data.into_owned()))
}

/// Any path no route knows: the login page for a visitor, a 404 page for a user.
pub async fn not_found(_: Auth) -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// Renders the page for an error response that asked for one (see [`RenderErrorPage`]), in the
/// user's language and layout.
pub fn render_error_page<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    if res
        .response()
        .extensions()
        .get::<RenderErrorPage>()
        .is_none()
    {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let (req, res) = res.into_parts();
    // Two statements: the borrow of the extensions must end before `anonymous_ctx` reaches the
    // session, which borrows them mutably (a panic otherwise, when no extractor made a `Ctx`).
    let known = req.extensions().get::<Ctx>().cloned();
    let ctx = known.unwrap_or_else(|| anonymous_ctx(&req));
    let status = res.status();
    let page = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(pages::error(&ctx, status).into_string());
    let res: ServiceResponse<EitherBody<B>> = ServiceResponse::new(req, page).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(res))
}
