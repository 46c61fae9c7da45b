//! The project plan's pages: a version read-only (goal by goal beside the directive, milestones,
//! budget against the frame, risks with their matrix, benefits, handover), the draft's form with
//! its numbered rows, and the comparison of two versions.

use std::collections::BTreeSet;

use maud::{Markup, html};

use crate::db::decisions::DecisionRow;
use crate::db::plans::{AnsweredDirective, PlanDoc, PlanRow, PlanVersion};
use crate::db::projects::ProjectView;
use crate::domain::decision::Body;
use crate::domain::document::{Compared, Status};
use crate::domain::plan::{
    BudgetCategory, PlanContent, PlanForm, ROWS_MAX, risk_matrix, row_field,
};
use crate::domain::validation::{FieldErrors, sum_sek};
use crate::views::components::{
    self, csrf_field, decision_number, described_by, project_page, saved_meanwhile,
};
use crate::views::documents::{VersionLine, status_badge, versions_table};
use crate::web::context::Ctx;

mod compare;
mod content;
mod edit;
mod rows;
mod show;

pub use compare::*;
use content::*;
pub use edit::*;
use rows::*;
pub use show::*;

pub use crate::views::components::DecisionForm;

pub use crate::views::documents::Message;

/// What the user may do with the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rights {
    /// Draft, edit, submit and revise: the project's lead and the development manager.
    pub may_draft: bool,
    /// Approve or return: the steering group's chair and the development manager, or the body
    /// above when the chair wrote the version.
    pub may_decide: bool,
    /// The user drafted or submitted the version, so four eyes refuses their decision on it.
    pub own_version: bool,
    /// The body that decides the version when it is not the steering group: its chair wrote it.
    pub escalated_to: Option<Body>,
}

/// Everything a plan version's page shows.
pub struct PlanPage<'a> {
    pub project: &'a ProjectView,
    pub doc: &'a PlanDoc,
    /// Every version, newest first.
    pub versions: &'a [PlanVersion],
    /// The version of the newest approved project directive.
    pub newest_directive: Option<i32>,
    pub rights: Rights,
    /// The page at `/projects/{id}/plan`, which shows the newest version.
    pub pinned: bool,
    pub message: Option<Message>,
    pub decision: &'a DecisionForm,
    pub decision_errors: &'a FieldErrors,
}

fn plan_path(project_id: i64, plan_id: i64) -> String {
    format!("/projects/{project_id}/plan/{plan_id}")
}

fn breadcrumb(ctx: &Ctx, project: &ProjectView, plan: bool) -> Markup {
    let index = format!("/projects/{}/plan", project.project.id);
    crate::views::documents::breadcrumb(
        ctx,
        project,
        plan.then_some((index.as_str(), "plan-heading")),
    )
}

fn message(ctx: &Ctx, message: Option<Message>) -> Markup {
    crate::views::documents::message(ctx, message, "plan-refused-title")
}

fn decision_line(ctx: &Ctx, decision: &DecisionRow) -> String {
    let body = decision
        .body()
        .map(|b| ctx.t(b.label_key()))
        .unwrap_or_default();
    let kind = decision
        .kind()
        .map(|k| ctx.t(k.label_key()))
        .unwrap_or_default();
    ctx.t_args(
        "plan-decision-line",
        &[
            ("kind", kind.into()),
            ("body", body.into()),
            ("number", decision_number(ctx, decision).into()),
            ("date", decision.decided_on.to_string().into()),
        ],
    )
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "–" } else { text }
}

fn paragraphs(ctx: &Ctx, text: &str) -> Markup {
    html! {
        @if text.is_empty() {
            p.muted { (ctx.t("plan-not-written")) }
        } @else {
            p.description { (text) }
        }
    }
}
