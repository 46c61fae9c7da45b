//! Governance pages: a project's steering group, and the audit trail.

use maud::{Markup, html};

use crate::db::audit::Entry;
use crate::db::decisions::DecisionRow;
use crate::db::projects::ProjectView;
use crate::db::steering::{Meeting, Member};
use crate::db::users::Person;
use crate::domain::steering::{MeetingForm, SteeringRole};
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, Input, csrf_field, error_summary, notice, select_field};
use crate::views::layout::{Section, page};
use crate::views::project_page::decision_ref;
use crate::web::context::Ctx;

/// The form to add a member, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub user_id: String,
    pub role: String,
}

pub struct SteeringPage<'a> {
    pub project: &'a ProjectView,
    pub members: &'a [Member],
    /// People who may be added; empty when the user may not manage the group.
    pub candidates: &'a [Person],
    pub may_manage: bool,
    /// The user records meetings: the chair, or the development manager.
    pub may_record: bool,
    pub meetings: &'a [Meeting],
    /// The project's decisions, to show those taken at each meeting.
    pub decisions: &'a [(DecisionRow, String)],
    pub saved: bool,
    /// A rule of the model refuses the change (a closed record): the catalog key of the reason.
    pub refusal: Option<&'static str>,
}

/// The two forms of the steering group page, as typed, with their errors.
pub struct Forms<'a> {
    pub member: &'a MemberForm,
    pub member_errors: &'a FieldErrors,
    pub meeting: &'a MeetingForm,
    pub meeting_errors: &'a FieldErrors,
}

pub fn steering_group(ctx: &Ctx, data: &SteeringPage, forms: &Forms) -> Markup {
    let p = &data.project.project;
    let title = ctx.t_args("steering-title", &[("code", p.code.clone().into())]);
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            p.breadcrumb {
                a href="/projects" { (ctx.t("projects-title")) } " › "
                a href={ "/projects/" (p.id) } { (p.code) " " (p.name) }
            }
            h1 { (title) }
            @if data.saved { (notice(&ctx.t("common-saved"))) }
            @if let Some(key) = data.refusal {
                div.error-summary role="alert" aria-labelledby="steering_refused_title" tabindex="-1" {
                    h2 #steering_refused_title { (ctx.t("steering-refused-title")) }
                    p { (ctx.t(key)) }
                }
            }
            p { (ctx.t("steering-intro")) }
            @if data.refusal.is_none() && p.phase().is_closed() {
                p.muted #steering_closed { (ctx.t("project-refused-closed")) }
            }
            (members(ctx, data, &title))
            @if data.may_manage { (member_form(ctx, data, forms)) }
            (meetings(ctx, data))
            @if data.may_record { (meeting_form(ctx, data, forms)) }
        },
    )
}

fn members(ctx: &Ctx, data: &SteeringPage, title: &str) -> Markup {
    let id = data.project.project.id;
    html! {
        @if data.members.is_empty() {
            p.muted { (ctx.t("steering-empty")) }
        } @else {
            table.data-table {
                caption.sr-only { (title) }
                thead { tr {
                    th scope="col" { (ctx.t("steering-member")) }
                    th scope="col" { (ctx.t("steering-role")) }
                    @if data.may_manage { th scope="col" { span.sr-only { (ctx.t("steering-actions")) } } }
                } }
                tbody {
                    @for member in data.members {
                        tr {
                            td { (member.display_name) }
                            td { (ctx.t(member.role().label_key())) }
                            @if data.may_manage {
                                td {
                                    form.inline-form method="post" action={ "/projects/" (id) "/steering-group/" (member.id) "/remove" } {
                                        (csrf_field(ctx))
                                        button.button-secondary type="submit" {
                                            (ctx.t("steering-remove")) span.sr-only { " " (member.display_name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn member_form(ctx: &Ctx, data: &SteeringPage, forms: &Forms) -> Markup {
    let id = data.project.project.id;
    let errors = forms.member_errors;
    let role_options: Vec<(String, String)> = SteeringRole::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), ctx.t(r.label_key())))
        .collect();
    let people: Vec<(String, String)> = data
        .candidates
        .iter()
        .filter(|person| !data.members.iter().any(|m| m.user_id == person.id))
        .map(|person| (person.id.to_string(), person.display_name.clone()))
        .collect();
    html! {
        h2 { (ctx.t("steering-add")) }
        (error_summary(ctx, errors, &[("user_id", "steering-member"), ("role", "steering-role")]))
        form method="post" action={ "/projects/" (id) "/steering-group" } novalidate {
            (csrf_field(ctx))
            (select_field(ctx, errors, "user_id", "steering-member", &people, &forms.member.user_id, Some("form-choose")))
            (select_field(ctx, errors, "role", "steering-role", &role_options, &forms.member.role, None))
            div.form-actions { button type="submit" { (ctx.t("steering-add")) } }
        }
    }
}

fn meetings(ctx: &Ctx, data: &SteeringPage) -> Markup {
    html! {
        h2 #meetings { (ctx.t("meetings-title")) }
        @if data.meetings.is_empty() {
            p.muted { (ctx.t("meetings-empty")) }
        }
        @for meeting in data.meetings {
            section.meeting aria-labelledby={ "meeting_" (meeting.id) } {
                h3 id={ "meeting_" (meeting.id) } { (ctx.t_args("meeting-heading", &[("date", meeting.held_on.to_string().into())])) }
                dl.definition-list {
                    dt { (ctx.t("meeting-attendees")) } dd { (if meeting.attendees.is_empty() { "–" } else { &meeting.attendees }) }
                    dt { (ctx.t("meeting-recorded-by")) } dd { (meeting.recorded_by) }
                }
                @if !meeting.notes.is_empty() { p.description { (meeting.notes) } }
                @let taken: Vec<&DecisionRow> = data.decisions.iter().map(|(d, _)| d).filter(|d| d.meeting_id == Some(meeting.id)).collect();
                @if !taken.is_empty() {
                    h4 { (ctx.t("meeting-decisions")) }
                    ul {
                        @for decision in taken {
                            li { strong { (decision_ref(ctx, decision)) } " " (decision.text) }
                        }
                    }
                }
            }
        }
    }
}

fn meeting_form(ctx: &Ctx, data: &SteeringPage, forms: &Forms) -> Markup {
    let id = data.project.project.id;
    let errors = forms.meeting_errors;
    let form = forms.meeting;
    html! {
        h2 { (ctx.t("steering-plan-meeting")) }
        p {
            (ctx.t("steering-plan-meeting-intro")) " "
            a href={ "/meetings?project=" (id) "#plan_title" } { (ctx.t("steering-plan-meeting-link")) }
        }
        h2 { (ctx.t("meeting-record")) }
        p { (ctx.t("steering-record-meeting-intro")) }
        (error_summary(ctx, errors, &[
            ("held_on", "meeting-held-on"), ("attendees", "meeting-attendees"), ("notes", "meeting-notes"),
            ("decision_1", "meeting-decision-1"), ("decision_2", "meeting-decision-2"), ("decision_3", "meeting-decision-3"),
        ]))
        form method="post" action={ "/projects/" (id) "/steering-group/meetings" } novalidate {
            (csrf_field(ctx))
            (Field::text("held_on", "meeting-held-on", &form.held_on).of(Input::Date).required().hint("form-date-hint").render(ctx, errors))
            (Field::text("attendees", "meeting-attendees", &form.attendees).hint("meeting-attendees-hint").render(ctx, errors))
            (Field::text("notes", "meeting-notes", &form.notes).of(Input::TextArea).render(ctx, errors))
            (Field::text("decision_1", "meeting-decision-1", &form.decision_1).of(Input::TextArea).hint("meeting-decision-hint").render(ctx, errors))
            (Field::text("decision_2", "meeting-decision-2", &form.decision_2).of(Input::TextArea).render(ctx, errors))
            (Field::text("decision_3", "meeting-decision-3", &form.decision_3).of(Input::TextArea).render(ctx, errors))
            div.form-actions { button type="submit" { (ctx.t("meeting-record")) } }
        }
    }
}

pub fn audit(ctx: &Ctx, project: Option<&ProjectView>, entries: &[Entry]) -> Markup {
    let title = match project {
        Some(view) => ctx.t_args(
            "audit-project-title",
            &[("code", view.project.code.clone().into())],
        ),
        None => ctx.t("audit-title"),
    };
    let section = if project.is_some() {
        Section::Projects
    } else {
        Section::Audit
    };
    page(
        ctx,
        section,
        &title,
        html! {
            @if let Some(view) = project {
                p.breadcrumb {
                    a href="/projects" { (ctx.t("projects-title")) } " › "
                    a href={ "/projects/" (view.project.id) } { (view.project.code) " " (view.project.name) }
                }
            }
            h1 { (title) }
            p { (ctx.t("audit-intro")) }
            @if entries.is_empty() {
                p.muted { (ctx.t("audit-empty")) }
            } @else {
                div.table-wrap {
                    table.data-table {
                        caption.sr-only { (title) }
                        thead { tr {
                            th scope="col" { (ctx.t("audit-when")) }
                            th scope="col" { (ctx.t("audit-who")) }
                            th scope="col" { (ctx.t("audit-what")) }
                            th scope="col" { (ctx.t("audit-record")) }
                            th scope="col" { (ctx.t("audit-values")) }
                        } }
                        tbody {
                            @for entry in entries {
                                tr {
                                    td { (entry.at.format("%Y-%m-%d %H:%M:%S")) " UTC" }
                                    td { (entry.user_name.as_deref().unwrap_or("–")) }
                                    td { (ctx.t(action_key(&entry.action))) }
                                    td {
                                        (ctx.t(entity_key(&entry.entity))) " " (entry.entity_id)
                                        @if let (Some(id), None) = (entry.project_id, project) {
                                            " (" a href={ "/audit?project=" (id) } { (ctx.t("audit-project-link")) } ")"
                                        }
                                    }
                                    td {
                                        @if let Some(before) = &entry.before {
                                            details { summary { (ctx.t("audit-before")) } pre { (pretty(before)) } }
                                        }
                                        @if let Some(after) = &entry.after {
                                            details { summary { (ctx.t("audit-after")) } pre { (pretty(after)) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// A stored JSON snapshot, indented for reading.
fn pretty(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| json.to_owned())
}

fn action_key(action: &str) -> &'static str {
    match action {
        "create" => "audit-action-create",
        "update" => "audit-action-update",
        "decide" => "audit-action-decide",
        "add" => "audit-action-add",
        "remove" => "audit-action-remove",
        _ => "audit-unknown",
    }
}

fn entity_key(entity: &str) -> &'static str {
    match entity {
        "project" => "audit-entity-project",
        "user" => "audit-entity-user",
        "board" => "audit-entity-board",
        "unit" => "audit-entity-unit",
        "decision" => "audit-entity-decision",
        "steering_member" => "audit-entity-steering_member",
        "closing_report" => "audit-entity-closing_report",
        "plan" => "audit-entity-plan",
        "directive" => "audit-entity-directive",
        "setting" => "audit-entity-setting",
        "steering_meeting" => "audit-entity-steering_meeting",
        _ => "audit-unknown",
    }
}
