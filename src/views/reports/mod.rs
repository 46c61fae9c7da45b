//! The status report pages: a project's periods and the form to start a report, a draft's form,
//! a version read-only with its escalations, review and revisions, and the section of the project
//! page that lists the latest periods and the escalations.

use maud::{Markup, html};

use crate::db::decisions::DecisionRow;
use crate::db::projects::ProjectView;
use crate::db::reports::{EscalationRow, PlanBasis, ReportRow, ReviewRow};
use crate::domain::document::Status;
use crate::domain::status_report::{
    Light, MilestoneUpdate, Period, ReportForm, ReportState, parse_milestone_updates,
};
use crate::domain::validation::{FieldErrors, optional_amount_sek};
use crate::views::components::{csrf_field, described_by, project_page};
use crate::web::context::Ctx;

mod form;
mod index;
mod show;
mod summary;

pub use form::*;
pub use index::*;
pub use show::*;
pub use summary::*;

pub use crate::views::documents::Message;

/// What the user may do with the project's reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rights {
    /// Draft, submit and revise: the project's lead and the development manager.
    pub may_write: bool,
    /// Review: the development manager.
    pub may_review: bool,
}

/// Everything the page of one report version shows.
pub struct ReportData {
    pub project: ProjectView,
    pub report: ReportRow,
    /// It is the newest version of its period.
    pub is_latest: bool,
    /// The versions of the period the user may see, newest first.
    pub versions: Vec<ReportRow>,
    /// The plan the version reports against.
    pub basis: Option<PlanBasis>,
    pub updates: Vec<MilestoneUpdate>,
    pub escalations: Vec<EscalationRow>,
    /// The decisions that answered escalations.
    pub answers: Vec<DecisionRow>,
    /// For each open escalation the user may answer: the decisions that may answer it.
    pub candidates: Vec<(i64, Vec<DecisionRow>)>,
    pub review: Option<ReviewRow>,
    pub reviewer: Option<String>,
    pub submitter: Option<String>,
    pub rights: Rights,
    /// The day the page is read: what a draft's forecasts are measured on.
    pub today: chrono::NaiveDate,
}

/// A draft's form as typed: the report's fields, the milestone updates and the lock version.
#[derive(Debug, Clone, Default)]
pub struct DraftForm {
    pub fields: ReportForm,
    /// The posted `milestone_{id}_actual` and `milestone_{id}_forecast` values.
    pub milestones: Vec<(String, String)>,
    pub lock_version: String,
}

impl DraftForm {
    /// The form as posted.
    pub fn from_pairs(pairs: &[(String, String)]) -> DraftForm {
        DraftForm {
            fields: ReportForm::from_pairs(pairs),
            milestones: pairs
                .iter()
                .filter(|(name, _)| name.starts_with("milestone_"))
                .cloned()
                .collect(),
            lock_version: pairs
                .iter()
                .rev()
                .find(|(name, _)| name == "lock_version")
                .map(|(_, value)| value.clone())
                .unwrap_or_default(),
        }
    }

    /// The form of a stored draft.
    pub fn of(report: &ReportRow, updates: &[MilestoneUpdate]) -> DraftForm {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let milestones = updates
            .iter()
            .flat_map(|u| {
                [
                    (
                        format!("milestone_{}_actual", u.milestone_id),
                        date(u.actual_on),
                    ),
                    (
                        format!("milestone_{}_forecast", u.milestone_id),
                        date(u.forecast_on),
                    ),
                ]
            })
            .collect();
        DraftForm {
            fields: ReportForm::of(&report.content()),
            milestones,
            lock_version: report.lock_version.to_string(),
        }
    }

    /// The milestone updates and the forecast as typed, if they read as dates and an amount.
    pub fn figures(
        &self,
        basis: &PlanBasis,
        today: chrono::NaiveDate,
    ) -> Option<(Vec<MilestoneUpdate>, Option<i64>)> {
        let updates =
            parse_milestone_updates(&self.milestones, &basis.milestone_ids(), today).ok()?;
        let forecast = optional_amount_sek(&self.fields.forecast).ok()?;
        Some((updates, forecast))
    }

    pub fn milestone(&self, name: &str) -> &str {
        self.milestones
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// What was posted with a step that was not saved, shown again beside its errors.
#[derive(Debug, Clone)]
pub enum Posted {
    Nothing,
    Draft(DraftForm),
    /// An escalation added on its own.
    Escalation(ReportForm),
    Reason(String),
    Comment(String),
    /// The decision chosen to answer the escalation.
    Decision(i64, String),
}

pub fn reports_path(project_id: i64) -> String {
    format!("/projects/{project_id}/reports")
}

pub fn report_path(project_id: i64, report_id: i64) -> String {
    format!("/projects/{project_id}/reports/{report_id}")
}

/// A light as a word and a symbol; the colour of its class only repeats them.
pub fn light_badge(ctx: &Ctx, light: Option<Light>) -> Markup {
    match light {
        None => html! { span.muted { (ctx.t("report-no-light")) } },
        Some(light) => html! {
            span class={ "badge light light-" (light.as_str()) } {
                span aria-hidden="true" { (symbol(light)) } " " (ctx.t(light.label_key()))
            }
        },
    }
}

fn symbol(light: Light) -> &'static str {
    match light {
        Light::Green => "●",
        Light::Amber => "▲",
        Light::Red => "■",
    }
}

pub fn state_badge(ctx: &Ctx, state: ReportState) -> Markup {
    let class = match state {
        ReportState::Submitted => "submitted",
        ReportState::SubmittedLate => "late",
        ReportState::Open => "open",
        ReportState::Missing => "missing",
    };
    html! { span class={ "badge report-state " (class) } { (ctx.t(state.label_key())) } }
}

pub fn status_text(ctx: &Ctx, status: Status) -> String {
    ctx.t(match status {
        Status::Draft => "report-status-draft",
        _ => "report-status-submitted",
    })
}

fn breadcrumb(ctx: &Ctx, project: &ProjectView, reports: bool) -> Markup {
    let index = reports_path(project.project.id);
    crate::views::documents::breadcrumb(
        ctx,
        project,
        reports.then_some((index.as_str(), "report-list-heading")),
    )
}

fn message(ctx: &Ctx, message: Option<Message>) -> Markup {
    crate::views::documents::message(ctx, message, "report-refused-title")
}

/// A labelled text area whose label is text made at run time.
fn text_area(ctx: &Ctx, name: &str, label: &str, value: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get(name);
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (label) }
            @if let Some(error) = error { p.field-error id={ (name) "-error" } { (ctx.t(error)) } }
            textarea id=(name) name=(name) rows="4"
                aria-describedby=[described_by(name, false, error.is_some())]
                aria-invalid=[error.map(|_| "true")] { (value) }
        }
    }
}

/// The period, version and project of a version, as its title says it.
fn version_title(ctx: &Ctx, data: &ReportData) -> String {
    ctx.t_args(
        "report-title",
        &[
            ("period", data.report.period.clone().into()),
            ("code", data.project.project.code.clone().into()),
            ("version", data.report.version.into()),
        ],
    )
}

/// The page of a version: the draft's form for a user who may write it, else the version
/// read-only.
pub fn report_page(
    ctx: &Ctx,
    data: &ReportData,
    posted: &Posted,
    message: Option<Message>,
    errors: &FieldErrors,
) -> Markup {
    if data.report.status() == Status::Draft && data.rights.may_write {
        draft(ctx, data, posted, message, errors)
    } else {
        show(ctx, data, posted, message, errors)
    }
}

/// The page's frame: breadcrumb, title and message.
fn frame(ctx: &Ctx, data: &ReportData, message_shown: Option<Message>, body: Markup) -> Markup {
    let title = version_title(ctx, data);
    project_page(
        ctx,
        &title,
        breadcrumb(ctx, &data.project, true),
        html! { (message(ctx, message_shown)) (body) },
    )
}

/// Other versions of the period, each a link.
fn versions_list(ctx: &Ctx, data: &ReportData) -> Markup {
    let p = data.project.project.id;
    html! {
        @if data.versions.len() > 1 {
            h2 #versions_heading { (ctx.t("report-versions")) }
            ul aria-labelledby="versions_heading" {
                @for v in &data.versions {
                    li {
                        @if v.id == data.report.id {
                            span aria-current="page" { (ctx.t_args("report-version", &[("version", v.version.into())])) }
                        } @else {
                            a href=(report_path(p, v.id)) { (ctx.t_args("report-version", &[("version", v.version.into())])) }
                        }
                        " – " (status_text(ctx, v.status()))
                    }
                }
            }
        }
    }
}
