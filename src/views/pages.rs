//! Pages that stand alone: login, the accessibility statement, errors.

use actix_web::http::StatusCode;
use maud::{Markup, html};

use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, Input, csrf_field, error_summary};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

pub fn login(ctx: &Ctx, username: &str, errors: &FieldErrors) -> Markup {
    let title = ctx.t("login-title");
    page(
        ctx,
        Section::None,
        &title,
        html! {
            div.narrow {
                h1 { (title) }
                p { (ctx.t("login-intro")) }
                (error_summary(ctx, errors, &[("username", "login-username"), ("password", "login-password")]))
                form method="post" action="/login" novalidate {
                    (csrf_field(ctx))
                    (Field::text("username", "login-username", username).required().autocomplete("username").render(ctx, errors))
                    (Field::text("password", "login-password", "").of(Input::Password).required().autocomplete("current-password").render(ctx, errors))
                    div.form-actions { button type="submit" { (ctx.t("login-submit")) } }
                }
            }
        },
    )
}

pub fn accessibility(ctx: &Ctx) -> Markup {
    let title = ctx.t("accessibility-title");
    page(
        ctx,
        Section::None,
        &title,
        html! {
            div.prose {
                h1 { (title) }
                p { (ctx.t("accessibility-intro")) }
                h2 { (ctx.t("accessibility-status-heading")) }
                p { (ctx.t("accessibility-status")) }
                h2 { (ctx.t("accessibility-how-heading")) }
                ul {
                    li { (ctx.t("accessibility-how-keyboard")) }
                    li { (ctx.t("accessibility-how-no-script")) }
                    li { (ctx.t("accessibility-how-tested")) }
                }
                h2 { (ctx.t("accessibility-known-heading")) }
                p { (ctx.t("accessibility-known")) }
                h2 { (ctx.t("accessibility-report-heading")) }
                p { (ctx.t("accessibility-report")) }
                h2 { (ctx.t("accessibility-supervision-heading")) }
                p { (ctx.t("accessibility-supervision")) }
                p.muted { (ctx.t("accessibility-updated")) }
            }
        },
    )
}

pub fn error(ctx: &Ctx, status: StatusCode) -> Markup {
    let (title, text) = match status.as_u16() {
        400 => ("error-400-title", "error-400-text"),
        403 => ("error-403-title", "error-403-text"),
        404 => ("error-404-title", "error-404-text"),
        413 => ("error-413-title", "error-413-text"),
        429 => ("error-429-title", "error-429-text"),
        503 => ("error-503-title", "error-503-text"),
        _ => ("error-500-title", "error-500-text"),
    };
    let title = ctx.t(title);
    page(
        ctx,
        Section::None,
        &title,
        html! {
            div.narrow {
                h1 { (title) }
                p { (ctx.t(text)) }
                p { a href="/projects" { (ctx.t("error-back-home")) } }
            }
        },
    )
}
