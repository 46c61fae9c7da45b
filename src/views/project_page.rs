//! A project's page: the register entry, the phase track and decisions, the documents and the
//! steering group, and the phase decision form.

use maud::{Markup, html};

use crate::db::decisions::DecisionRow;
use crate::domain::decision::{Body, PhaseDecisionForm};
use crate::domain::directive::DirectiveKind;
use crate::domain::phase::{Arg, Phase, Refusal};
use crate::domain::validation::FieldErrors;
use crate::views::components::{self, Field, Input, csrf_field, notice, phase_badge};
use crate::views::layout::{Section, page};
use crate::web::context::Ctx;
use crate::web::project_page::ProjectPage;

/// The message of a refusal, with the phases and numbers it names.
pub fn refusal_text(ctx: &Ctx, refusal: Refusal) -> String {
    let args: Vec<(&str, fluent_bundle::FluentValue)> = refusal
        .args()
        .into_iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Phase(phase) => ctx.t(phase.label_key()).into(),
                Arg::Number(n) => n.into(),
            };
            (name, value)
        })
        .collect();
    ctx.t_args(refusal.key(), &args)
}

/// A decision's reference: the body's short name, the year and the number ("LG 2026:4").
pub fn decision_ref(ctx: &Ctx, decision: &DecisionRow) -> String {
    let body = decision
        .body()
        .map(short_body_key)
        .unwrap_or("body-short-unknown");
    format!("{} {}:{}", ctx.t(body), decision.year, decision.number)
}

fn short_body_key(body: Body) -> &'static str {
    match body {
        Body::ManagementGroup => "body-short-management_group",
        Body::DevelopmentManager => "body-short-development_manager",
        Body::SteeringGroup => "body-short-steering_group",
    }
}

/// The phases of a project's life in order; a cancelled project leaves the track.
const TRACK: [Phase; 6] = [
    Phase::Idea,
    Phase::PreStudy,
    Phase::Planning,
    Phase::Execution,
    Phase::Closing,
    Phase::Maintenance,
];

pub fn show(
    ctx: &Ctx,
    data: &ProjectPage,
    saved: &str,
    form: &PhaseDecisionForm,
    errors: &FieldErrors,
    refusals: &[String],
) -> Markup {
    let p = &data.project.project;
    let title = format!("{} {}", p.code, p.name);
    let current = p.phase();
    page(
        ctx,
        Section::Projects,
        &title,
        html! {
            p.breadcrumb { a href="/projects" { (ctx.t("projects-title")) } }
            div.page-header {
                h1 { span.code { (p.code) } " " (p.name) }
                @if data.edit_scope.is_some() {
                    a.button href={ "/projects/" (p.id) "/edit" } { (ctx.t("project-edit")) }
                }
            }
            @match saved {
                "" => {},
                "phase" => (notice(&ctx.t("phase-decided"))),
                _ => (notice(&ctx.t("project-saved"))),
            }
            (phase_track(ctx, current, &entered_phases(data)))
            dl.definition-list {
                dt { (ctx.t("project-phase")) } dd { (phase_badge(ctx, current)) }
                dt { (ctx.t("project-unit")) } dd { (data.project.unit_name) " (" (data.project.board_name) ")" }
                dt { (ctx.t("project-lead")) } dd { (data.project.project_lead.as_deref().unwrap_or("–")) }
                dt { (ctx.t("project-commissioner")) } dd { (data.project.commissioner.as_deref().unwrap_or("–")) }
                dt { (ctx.t("project-planned-start")) } dd { (components::date(p.planned_start)) }
                dt { (ctx.t("project-planned-end")) } dd { (components::date(p.planned_end)) }
                dt { (ctx.t("project-budget")) } dd { (p.budget_sek.map(|b| ctx.sek(b)).unwrap_or_else(|| "–".into())) }
            }
            h2 { (ctx.t("project-description")) }
            @if p.description.is_empty() {
                p.muted { (ctx.t("project-no-description")) }
            } @else {
                @for paragraph in p.description.split("\n\n") { p.description { (paragraph) } }
            }
            (documents(ctx, data))
            (crate::views::reports::summary_section(ctx, p.id, &data.reports))
            (decisions(ctx, data))
            @if data.may_decide { (phase_form(ctx, data, form, errors, refusals)) }
            @if data.may_view_audit {
                p { a href={ "/audit?project=" (p.id) } { (ctx.t("project-audit-link")) } }
            }
        },
    )
}

/// The phases the project has entered, from its phase decisions; every project starts as an idea.
fn entered_phases(data: &ProjectPage) -> Vec<Phase> {
    let mut entered = vec![Phase::Idea];
    entered.extend(data.decisions.iter().filter_map(|(d, _)| d.phase_to()));
    entered
}

/// Each phase of the track is the current one, one the project went through, one it skipped (a
/// project may go from idea straight to planning), or one still ahead.
fn phase_track(ctx: &Ctx, current: Phase, entered: &[Phase]) -> Markup {
    let furthest = TRACK
        .iter()
        .rev()
        .find(|p| **p == current || entered.contains(p))
        .copied()
        .unwrap_or(Phase::Idea);
    html! {
        nav.phase-track aria-label=(ctx.t("phase-track-label")) {
            ol {
                @for phase in TRACK {
                    @let state = if phase == current {
                        "current"
                    } else if entered.contains(&phase) {
                        "done"
                    } else if is_before(phase, furthest) {
                        "skipped"
                    } else {
                        "todo"
                    };
                    li class=(state) {
                        @if phase == current {
                            span aria-current="step" { (ctx.t(phase.label_key())) }
                        } @else {
                            (ctx.t(phase.label_key()))
                        }
                        @if state == "done" { span.sr-only { " (" (ctx.t("phase-track-done")) ")" } }
                        @if state == "skipped" { span.sr-only { " (" (ctx.t("phase-track-skipped")) ")" } }
                    }
                }
            }
            @if current == Phase::Cancelled {
                p { (phase_badge(ctx, Phase::Cancelled)) }
            }
        }
    }
}

fn is_before(phase: Phase, current: Phase) -> bool {
    let position = |p: Phase| TRACK.iter().position(|t| *t == p);
    match (position(phase), position(current)) {
        (Some(a), Some(b)) => a < b,
        _ => false,
    }
}

fn documents(ctx: &Ctx, data: &ProjectPage) -> Markup {
    let id = data.project.project.id;
    html! {
        h2 { (ctx.t("project-governance")) }
        div.card-grid {
            section.card aria-labelledby="directive_heading" {
                h3 #directive_heading { a href={ "/projects/" (id) "/directive" } { (ctx.t("project-directive")) } }
                @if data.directives.is_empty() {
                    p.muted { (ctx.t("project-no-directive")) }
                } @else {
                    ul {
                        @for v in &data.directives {
                            li {
                                a href={ "/projects/" (id) "/directive/" (v.id) } {
                                    (ctx.t(DirectiveKind::parse(&v.kind).map(|k| k.label_key()).unwrap_or("directive-kind-project")))
                                    " " (ctx.t_args("document-version", &[("version", v.version.into())]))
                                }
                                " – " (ctx.t(v.status().map(|s| s.label_key()).unwrap_or("status-draft")))
                            }
                        }
                    }
                }
            }
            section.card aria-labelledby="plan_heading" {
                h3 #plan_heading { a href={ "/projects/" (id) "/plan" } { (ctx.t("project-plan")) } }
                @if data.plans.is_empty() {
                    p.muted { (ctx.t("project-no-plan")) }
                } @else {
                    ul {
                        @for v in &data.plans {
                            li {
                                a href={ "/projects/" (id) "/plan/" (v.id) } {
                                    (ctx.t_args("document-version", &[("version", v.version.into())]))
                                }
                                " – " (ctx.t(v.status().map(|s| s.label_key()).unwrap_or("status-draft")))
                            }
                        }
                    }
                }
            }
            section.card aria-labelledby="steering_heading" {
                h3 #steering_heading { a href={ "/projects/" (id) "/steering-group" } { (ctx.t("project-steering-group")) } }
                @if data.members.is_empty() {
                    p.muted { (ctx.t("steering-empty")) }
                } @else {
                    ul {
                        @for m in &data.members {
                            li { (m.display_name) " – " (ctx.t(m.role().label_key())) }
                        }
                    }
                }
            }
            section.card aria-labelledby="closing_heading" {
                h3 #closing_heading { a href={ "/projects/" (id) "/closing-report" } { (ctx.t("project-closing-report")) } }
                @match data.facts.closing_report {
                    None => p.muted { (ctx.t("project-no-closing-report")) },
                    Some(report) if report.complete && report.maintenance_owner && report.benefit_follow_up => p { (ctx.t("closing-report-complete")) },
                    Some(_) => p { (ctx.t("closing-report-drafted")) },
                }
            }
        }
    }
}

fn decisions(ctx: &Ctx, data: &ProjectPage) -> Markup {
    html! {
        h2 #decisions { (ctx.t("project-decisions")) }
        @if data.decisions.is_empty() {
            p.muted { (ctx.t("project-no-decisions")) }
        } @else {
            div.table-wrap {
                table.data-table {
                    caption.sr-only { (ctx.t("project-decisions")) }
                    thead { tr {
                        th scope="col" { (ctx.t("decision-date")) }
                        th scope="col" { (ctx.t("decision-number")) }
                        th scope="col" { (ctx.t("decision-body")) }
                        th scope="col" { (ctx.t("decision-kind")) }
                        th scope="col" { (ctx.t("decision-text")) }
                        th scope="col" { (ctx.t("decision-recorded-by")) }
                    } }
                    tbody {
                        @for (decision, recorded_by) in &data.decisions {
                            tr {
                                td { (decision.decided_on) }
                                td { (decision_ref(ctx, decision)) }
                                td { (ctx.t(decision.body().map(|b| b.label_key()).unwrap_or("audit-unknown"))) }
                                td {
                                    (ctx.t(decision.kind().map(|k| k.label_key()).unwrap_or("audit-unknown")))
                                    @if let (Some(from), Some(to)) = (decision.phase_from(), decision.phase_to()) {
                                        br; (ctx.t(from.label_key())) " → " (ctx.t(to.label_key()))
                                    }
                                }
                                td.description {
                                    (crate::views::decisions::text_for(ctx, decision))
                                    (answered_escalations(ctx, data, decision.id))
                                }
                                td { (recorded_by) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The escalations the decision answered, each linking the report that raised it.
fn answered_escalations(ctx: &Ctx, data: &ProjectPage, decision_id: i64) -> Markup {
    let project_id = data.project.project.id;
    html! {
        @for (escalation, period, _) in data
            .reports
            .escalations
            .iter()
            .filter(|(e, _, _)| e.answered_by_decision_id == Some(decision_id))
        {
            br;
            a.decision-answers href=(crate::views::reports::report_path(project_id, escalation.report_id)) {
                (ctx.t_args("decision-answers-escalation", &[("period", period.clone().into())]))
            }
        }
    }
}

fn phase_form(
    ctx: &Ctx,
    data: &ProjectPage,
    form: &PhaseDecisionForm,
    errors: &FieldErrors,
    refusals: &[String],
) -> Markup {
    let id = data.project.project.id;
    if data.next.is_empty() {
        return html! {
            h2 { (ctx.t("phase-decision-title")) }
            p.muted { (ctx.t("phase-decision-none")) }
        };
    }
    let phase_error = errors.get("phase").map(|key| ctx.t(key));
    let phase_messages: Vec<String> = phase_error
        .into_iter()
        .chain(refusals.iter().cloned())
        .collect();
    html! {
        h2 #phase-decision { (ctx.t("phase-decision-title")) }
        p { (ctx.t("phase-decision-intro")) }
        ul.readiness {
            @for (phase, check) in &data.next {
                li {
                    strong { (ctx.t(phase.label_key())) } ": "
                    @match check {
                        Ok(body) => { (ctx.t_args("phase-ready", &[("body", ctx.t(body.label_key()).into())])) }
                        Err(missing) => {
                            @for (i, refusal) in missing.iter().enumerate() {
                                @if i > 0 { " " }
                                (refusal_text(ctx, *refusal))
                            }
                        }
                    }
                }
            }
        }
        @if !errors.is_empty() || !refusals.is_empty() {
            div.error-summary role="alert" aria-labelledby="phase_error_title" tabindex="-1" {
                h3 #phase_error_title { (ctx.t("form-error-summary")) }
                ul {
                    @for message in &phase_messages { li { a href="#phase" { (message) } } }
                    @for error in errors.iter().filter(|e| e.field != "phase") {
                        @let label = match error.field.as_ref() { "decided_on" => "decision-date", _ => "phase-decision-text" };
                        li { a href={ "#" (error.field) } { (ctx.t(label)) ": " (ctx.t(error.key)) } }
                    }
                }
            }
        }
        form method="post" action={ "/projects/" (id) "/phase" } novalidate {
            (csrf_field(ctx))
            div.field.has-error[!phase_messages.is_empty()] {
                label for="phase" { (ctx.t("phase-decision-phase")) }
                @if !phase_messages.is_empty() {
                    div.field-error id={ "phase" "-error" } {
                        @for message in &phase_messages { p { (message) } }
                    }
                }
                select id="phase" name="phase"
                    aria-describedby=[(!phase_messages.is_empty()).then_some(concat!("phase", "-error"))]
                    aria-invalid=[(!phase_messages.is_empty()).then_some("true")] {
                    option value="" selected[form.phase.is_empty()] { (ctx.t("form-choose")) }
                    @for (phase, _) in &data.next {
                        option value=(phase.as_str()) selected[form.phase == phase.as_str()] { (ctx.t(phase.label_key())) }
                    }
                }
            }
            (Field::text("decided_on", "decision-date", &form.decided_on).of(Input::Date).required().hint("form-date-hint").render(ctx, errors))
            (Field::text("text", "phase-decision-text", &form.text).of(Input::TextArea).required().hint("phase-decision-text-hint").render(ctx, errors))
            div.form-actions { button type="submit" { (ctx.t("phase-decision-submit")) } }
        }
    }
}
