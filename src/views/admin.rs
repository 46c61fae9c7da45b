//! The administration pages: users, boards and units.

use maud::{Markup, html};

use crate::db::units::{Board, Unit};
use crate::db::users::UserRow;
use crate::domain::role::Role;
use crate::domain::settings::ReportingForm;
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    Field, Input, checkbox, csrf_field, error_summary, notice, select_field,
};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct NewUserForm {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub password: String,
    pub password_confirmation: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct UserForm {
    pub display_name: String,
    pub role: String,
    pub active: Option<String>,
}

impl From<&UserRow> for UserForm {
    fn from(user: &UserRow) -> Self {
        UserForm {
            display_name: user.display_name.clone(),
            role: user.role().as_str().to_owned(),
            active: user.active.then(|| "on".to_owned()),
        }
    }
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct BoardForm {
    pub name: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct UnitForm {
    pub name: String,
    pub board_id: String,
}

fn role_options(ctx: &Ctx) -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), ctx.t(r.label_key())))
        .collect()
}

fn yes_no(ctx: &Ctx, value: bool) -> String {
    ctx.t(if value { "common-yes" } else { "common-no" })
}

pub fn users(ctx: &Ctx, users: &[UserRow], saved: bool) -> Markup {
    let title = ctx.t("users-title");
    page(
        ctx,
        Section::Users,
        &title,
        html! {
            div.page-header {
                h1 { (title) }
                a.button href="/admin/users/new" { (ctx.t("users-new")) }
            }
            @if saved { (notice(&ctx.t("common-saved"))) }
            div.table-wrap {
                table.data-table {
                    caption.sr-only { (title) }
                    thead { tr {
                        th scope="col" { (ctx.t("user-username")) }
                        th scope="col" { (ctx.t("user-display-name")) }
                        th scope="col" { (ctx.t("user-role")) }
                        th scope="col" { (ctx.t("user-active")) }
                        th scope="col" { (ctx.t("user-must-change-password")) }
                    } }
                    tbody {
                        @for user in users {
                            tr {
                                td { a href={ "/admin/users/" (user.id) } { (user.username) } }
                                td { (user.display_name) }
                                td { (ctx.t(user.role().label_key())) }
                                td { (yes_no(ctx, user.active)) }
                                td { (yes_no(ctx, user.must_change_password)) }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn new_user(ctx: &Ctx, form: &NewUserForm, errors: &FieldErrors) -> Markup {
    let title = ctx.t("users-new");
    page(
        ctx,
        Section::Users,
        &title,
        html! {
            p.breadcrumb { a href="/admin/users" { (ctx.t("users-title")) } }
            h1 { (title) }
            (error_summary(ctx, errors, &[
                ("username", "user-username"), ("display_name", "user-display-name"),
                ("role", "user-role"), ("password", "user-initial-password"),
            ]))
            form method="post" action="/admin/users" novalidate {
                (csrf_field(ctx))
                (Field::text("username", "user-username", &form.username).required().hint("user-username-hint").autocomplete("off").render(ctx, errors))
                (Field::text("display_name", "user-display-name", &form.display_name).required().render(ctx, errors))
                (select_field(ctx, errors, "role", "user-role", &role_options(ctx), &form.role, None))
                (Field::text("password", "user-initial-password", "").of(Input::Password).required().hint("user-initial-password-hint").autocomplete("new-password").render(ctx, errors))
                (Field::text("password_confirmation", "user-password-confirmation", "").of(Input::Password).required().autocomplete("new-password").render(ctx, errors))
                div.form-actions {
                    button type="submit" { (ctx.t("form-save")) }
                    " " a href="/admin/users" { (ctx.t("form-cancel")) }
                }
            }
        },
    )
}

pub fn edit_user(
    ctx: &Ctx,
    user: &UserRow,
    form: &UserForm,
    errors: &FieldErrors,
    password_errors: &FieldErrors,
    saved: &str,
) -> Markup {
    let title = ctx.t_args(
        "users-edit-title",
        &[("username", user.username.clone().into())],
    );
    page(
        ctx,
        Section::Users,
        &title,
        html! {
            p.breadcrumb { a href="/admin/users" { (ctx.t("users-title")) } }
            h1 { (title) }
            @match saved {
                "account" => (notice(&ctx.t("common-saved"))),
                "password" => (notice(&ctx.t("users-password-reset-done"))),
                _ => {}
            }
            (error_summary(ctx, errors, &[
                ("display_name", "user-display-name"), ("role", "user-role"), ("active", "user-active"),
            ]))
            form method="post" action={ "/admin/users/" (user.id) } novalidate {
                (csrf_field(ctx))
                (Field::text("display_name", "user-display-name", &form.display_name).required().render(ctx, errors))
                (select_field(ctx, errors, "role", "user-role", &role_options(ctx), &form.role, None))
                (checkbox(ctx, errors, "active", "user-active", form.active.is_some()))
                div.form-actions { button type="submit" { (ctx.t("form-save")) } }
            }
            h2 { (ctx.t("users-reset-password")) }
            p { (ctx.t("users-reset-password-intro")) }
            (error_summary(ctx, password_errors, &[("password", "user-new-password")]))
            form method="post" action={ "/admin/users/" (user.id) "/password" } novalidate {
                (csrf_field(ctx))
                (Field::text("password", "user-new-password", "").of(Input::Password).required().hint("password-rules").autocomplete("new-password").render(ctx, password_errors))
                (Field::text("password_confirmation", "user-password-confirmation", "").of(Input::Password).required().autocomplete("new-password").render(ctx, password_errors))
                div.form-actions { button type="submit" { (ctx.t("users-reset-password")) } }
            }
        },
    )
}

pub fn units(ctx: &Ctx, boards: &[Board], units: &[Unit], saved: bool) -> Markup {
    let title = ctx.t("units-title");
    page(
        ctx,
        Section::Units,
        &title,
        html! {
            div.page-header {
                h1 { (title) }
                div.button-row {
                    a.button href="/admin/boards/new" { (ctx.t("boards-new")) }
                    " "
                    a.button href="/admin/units/new" { (ctx.t("units-new")) }
                }
            }
            @if saved { (notice(&ctx.t("common-saved"))) }
            @for board in boards {
                section aria-labelledby={ "board-" (board.id) } {
                    h2 id={ "board-" (board.id) } {
                        (board.name) " "
                        a.small href={ "/admin/boards/" (board.id) } {
                            (ctx.t("common-edit")) span.sr-only { " " (board.name) }
                        }
                    }
                    @let board_units: Vec<&Unit> = units.iter().filter(|u| u.board_id == board.id).collect();
                    @if board_units.is_empty() {
                        p.muted { (ctx.t("units-none")) }
                    } @else {
                        ul {
                            @for unit in board_units {
                                li { a href={ "/admin/units/" (unit.id) } { (unit.name) } }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn board_form(
    ctx: &Ctx,
    board_id: Option<i64>,
    form: &BoardForm,
    errors: &FieldErrors,
) -> Markup {
    let (title, action) = match board_id {
        Some(id) => (ctx.t("boards-edit"), format!("/admin/boards/{id}")),
        None => (ctx.t("boards-new"), "/admin/boards".to_owned()),
    };
    page(
        ctx,
        Section::Units,
        &title,
        html! {
            p.breadcrumb { a href="/admin/units" { (ctx.t("units-title")) } }
            h1 { (title) }
            (error_summary(ctx, errors, &[("name", "board-name")]))
            form method="post" action=(action) novalidate {
                (csrf_field(ctx))
                (Field::text("name", "board-name", &form.name).required().render(ctx, errors))
                div.form-actions {
                    button type="submit" { (ctx.t("form-save")) }
                    " " a href="/admin/units" { (ctx.t("form-cancel")) }
                }
            }
        },
    )
}

pub fn unit_form(
    ctx: &Ctx,
    unit_id: Option<i64>,
    form: &UnitForm,
    errors: &FieldErrors,
    boards: &[Board],
) -> Markup {
    let (title, action) = match unit_id {
        Some(id) => (ctx.t("units-edit"), format!("/admin/units/{id}")),
        None => (ctx.t("units-new"), "/admin/units".to_owned()),
    };
    let board_options: Vec<(String, String)> = boards
        .iter()
        .map(|b| (b.id.to_string(), b.name.clone()))
        .collect();
    page(
        ctx,
        Section::Units,
        &title,
        html! {
            p.breadcrumb { a href="/admin/units" { (ctx.t("units-title")) } }
            h1 { (title) }
            (error_summary(ctx, errors, &[("name", "unit-name"), ("board_id", "unit-board")]))
            form method="post" action=(action) novalidate {
                (csrf_field(ctx))
                (Field::text("name", "unit-name", &form.name).required().render(ctx, errors))
                (select_field(ctx, errors, "board_id", "unit-board", &board_options, &form.board_id, Some("form-choose")))
                div.form-actions {
                    button type="submit" { (ctx.t("form-save")) }
                    " " a href="/admin/units" { (ctx.t("form-cancel")) }
                }
            }
        },
    )
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub threshold_sek: String,
}

/// How long a login lasts, as the settings page shows and posts it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SessionsForm {
    pub session_idle_hours: String,
    pub session_absolute_days: String,
}

/// Every form of the settings page, as stored or as typed.
#[derive(Debug, Clone, Default)]
pub struct SettingsForms {
    pub threshold: SettingsForm,
    pub sessions: SessionsForm,
    pub reporting: ReportingForm,
}

/// The settings page: three forms, each saved on its own, so a mistake in one keeps the others.
pub fn settings(ctx: &Ctx, forms: &SettingsForms, errors: &FieldErrors, saved: bool) -> Markup {
    let title = ctx.t("settings-title");
    let (form, sessions, reporting) = (&forms.threshold, &forms.sessions, &forms.reporting);
    page(
        ctx,
        Section::Settings,
        &title,
        html! {
            h1 { (title) }
            @if saved { (notice(&ctx.t("common-saved"))) }
            (error_summary(ctx, errors, &[
                ("threshold_sek", "settings-threshold"),
                ("session_idle_hours", "settings-session-idle"),
                ("session_absolute_days", "settings-session-absolute"),
                ("report_due_day", "settings-report-due-day"),
                ("rollup_deviation_percent", "settings-rollup-deviation"),
            ]))
            section aria-labelledby="settings_decisions" {
                h2 #settings_decisions { (ctx.t("settings-decisions-heading")) }
                form method="post" action="/admin/settings" novalidate {
                    (csrf_field(ctx))
                    (Field::text("threshold_sek", "settings-threshold", &form.threshold_sek).required().hint("settings-threshold-hint").render(ctx, errors))
                    div.form-actions { button type="submit" { (ctx.t("form-save")) } }
                }
            }
            section aria-labelledby="settings_sessions" {
                h2 #settings_sessions { (ctx.t("settings-sessions-heading")) }
                form method="post" action="/admin/settings/sessions" novalidate {
                    (csrf_field(ctx))
                    (Field::text("session_idle_hours", "settings-session-idle", &sessions.session_idle_hours).required().hint("settings-session-idle-hint").render(ctx, errors))
                    (Field::text("session_absolute_days", "settings-session-absolute", &sessions.session_absolute_days).required().hint("settings-session-absolute-hint").render(ctx, errors))
                    div.form-actions { button type="submit" { (ctx.t("form-save")) } }
                }
            }
            section aria-labelledby="settings_reports" {
                h2 #settings_reports { (ctx.t("settings-reports-heading")) }
                form method="post" action="/admin/settings/reports" novalidate {
                    (csrf_field(ctx))
                    (Field::text("report_due_day", "settings-report-due-day", &reporting.report_due_day).required().hint("settings-report-due-day-hint").render(ctx, errors))
                    (Field::text("rollup_deviation_percent", "settings-rollup-deviation", &reporting.rollup_deviation_percent).required().hint("settings-rollup-deviation-hint").render(ctx, errors))
                    div.form-actions { button type="submit" { (ctx.t("form-save")) } }
                }
            }
        },
    )
}
