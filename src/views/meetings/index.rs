//! The list of meetings (`GET /meetings`), newest first with their state, and the form that plans
//! one for those who may.

use maud::{Markup, html};

use crate::db::meetings::Listed;
use crate::domain::meeting::MeetingForm;
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    Field, column_heads, csrf_field, date, error_summary, select_field,
};
use crate::views::layout::{self, Section as Nav};
use crate::web::context::Ctx;

/// The planning form as shown: what was typed, its errors, and the people to choose from.
pub struct PlanForm<'a> {
    pub form: &'a MeetingForm,
    pub errors: &'a FieldErrors,
    /// The management group's members (username, name): chair and adjuster.
    pub members: Vec<(String, String)>,
    /// Who may take the minutes.
    pub secretaries: Vec<(String, String)>,
    /// The project (id, code) whose steering group the meeting is of; `None`: the management
    /// group's.
    pub steering: Option<(i64, String)>,
}

const LABELS: &[(&str, &str)] = &[
    ("body", "meeting-body"),
    ("held_on", "meeting-held-on"),
    ("starts_at", "meeting-starts-at"),
    ("place", "meeting-place"),
    ("chair", "meeting-chair"),
    ("secretary", "meeting-secretary"),
    ("adjuster", "meeting-adjuster"),
];

pub fn page(ctx: &Ctx, listed: &[Listed], plan: Option<PlanForm>) -> Markup {
    let title = ctx.t("meetings-title");
    layout::page(
        ctx,
        Nav::Meetings,
        &title,
        html! {
            h1 { (title) }
            @if let Some(plan) = &plan { (error_summary(ctx, plan.errors, LABELS)) }
            @if listed.is_empty() {
                p.muted { (ctx.t("meetings-none")) }
            } @else {
                div.table-wrap { table.data-table {
                    caption { (ctx.t("meetings-caption")) }
                    (column_heads(ctx, &["meeting-held-on", "meeting-body", "meeting-place",
                        "meeting-chair", "meeting-state"]))
                    tbody { @for row in listed {
                        @let m = &row.meeting;
                        tr {
                            td { a href={ "/meetings/" (m.id) } { (date(Some(m.held_on))) " " (m.starts_at) } }
                            td {
                                (ctx.t(m.body().label_key()))
                                @if let Some(code) = &row.project_code { " " (code) }
                            }
                            td { (m.place) }
                            td { (row.chair) }
                            td { (super::state_badge(ctx, m.state())) }
                        }
                    } }
                } }
            }
            @if let Some(plan) = plan { (plan_form(ctx, &plan)) }
        },
    )
}

fn plan_form(ctx: &Ctx, plan: &PlanForm) -> Markup {
    let (form, errors) = (plan.form, plan.errors);
    let bodies = match &plan.steering {
        Some((_, code)) => [(
            "steering_group".to_owned(),
            format!("{} {code}", ctx.t("body-steering_group")),
        )],
        None => [(
            "management_group".to_owned(),
            ctx.t("body-management_group"),
        )],
    };
    html! {
        section aria-labelledby="plan_title" {
            h2 #plan_title { (ctx.t("meeting-plan")) }
            form.stacked method="post" action="/meetings" {
                (csrf_field(ctx))
                (select_field(ctx, errors, "body", "meeting-body", &bodies, &form.body, None))
                @if let Some((project, _)) = &plan.steering {
                    input type="hidden" name="project" value=(project);
                }
                (Field::text("held_on", "meeting-held-on", &form.held_on).required()
                    .hint("form-date-hint").render(ctx, errors))
                (Field::text("starts_at", "meeting-starts-at", &form.starts_at).required()
                    .hint("meeting-starts-at-hint").render(ctx, errors))
                (Field::text("place", "meeting-place", &form.place).required().render(ctx, errors))
                (select_field(ctx, errors, "chair", "meeting-chair", &plan.members, &form.chair,
                    Some("meeting-choose-person")))
                (select_field(ctx, errors, "secretary", "meeting-secretary", &plan.secretaries,
                    &form.secretary, Some("meeting-choose-person")))
                (select_field(ctx, errors, "adjuster", "meeting-adjuster", &plan.members,
                    &form.adjuster, Some("meeting-choose-person")))
                button type="submit" { (ctx.t("meeting-plan")) }
            }
        }
    }
}
