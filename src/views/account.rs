//! The user's own account pages.

use maud::{Markup, html};

use crate::db::users::UserRow;
use crate::domain::lang::Lang;
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, Input, csrf_field, error_summary, notice};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

pub fn account(ctx: &Ctx, user: &UserRow, saved: &str) -> Markup {
    let title = ctx.t("account-title");
    let current = user.language().unwrap_or(ctx.lang);
    page(
        ctx,
        Section::Account,
        &title,
        html! {
            h1 { (title) }
            @match saved {
                "password" => (notice(&ctx.t("account-password-changed"))),
                "language" => (notice(&ctx.t("account-language-saved"))),
                _ => {}
            }
            dl.definition-list {
                dt { (ctx.t("user-display-name")) } dd { (user.display_name) }
                dt { (ctx.t("user-username")) } dd { (user.username) }
                dt { (ctx.t("user-role")) } dd { (ctx.t(user.role().label_key())) }
            }
            h2 { (ctx.t("account-password-heading")) }
            p { a href="/account/password" { (ctx.t("account-change-password")) } }
            h2 #language-heading { (ctx.t("account-language-heading")) }
            form method="post" action="/account/language" {
                (csrf_field(ctx))
                fieldset {
                    legend { (ctx.t("account-language-legend")) }
                    @for lang in Lang::ALL {
                        div.field.radio {
                            input type="radio" name="language" id={ "language-" (lang.code()) }
                                value=(lang.code()) checked[lang == current];
                            label for={ "language-" (lang.code()) } lang=(lang.code()) {
                                (ctx.t(match lang { Lang::Sv => "language-sv", Lang::En => "language-en" }))
                            }
                        }
                    }
                }
                div.form-actions { button type="submit" { (ctx.t("form-save")) } }
            }
        },
    )
}

pub fn password(ctx: &Ctx, errors: &FieldErrors, must_change: bool) -> Markup {
    let title = ctx.t("account-change-password");
    page(
        ctx,
        Section::Account,
        &title,
        html! {
            div.narrow {
                h1 { (title) }
                @if must_change { p.notice role="status" { (ctx.t("account-must-change")) } }
                (error_summary(ctx, errors, &[
                    ("current_password", "account-current-password"),
                    ("new_password", "account-new-password"),
                ]))
                form method="post" action="/account/password" novalidate {
                    (csrf_field(ctx))
                    (Field::text("current_password", "account-current-password", "").of(Input::Password).required().autocomplete("current-password").render(ctx, errors))
                    (Field::text("new_password", "account-new-password", "").of(Input::Password).required().hint("password-rules").autocomplete("new-password").render(ctx, errors))
                    (Field::text("new_password_confirmation", "account-new-password-confirmation", "").of(Input::Password).required().autocomplete("new-password").render(ctx, errors))
                    div.form-actions { button type="submit" { (ctx.t("form-save")) } }
                }
            }
        },
    )
}
