//! A project's directives: the current version with every version listed, one version with what
//! the user may do with it, the form to draft or edit one, and the comparison of two versions.

use chrono::NaiveDate;
use maud::{Markup, html};

use crate::db::decisions::DecisionRow;
use crate::db::directives::{Directive, DirectiveRow, VersionEntry};
use crate::db::projects::ProjectView;
use crate::domain::decision::Body;
use crate::domain::directive::{DirectiveForm, DirectiveKind, GOAL_FIELDS, GOALS_MAX};
use crate::domain::document::{Compared, Status};
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    self, Field, Input, checkbox, csrf_field, decision_number, error_summary, notice, project_page,
    saved_meanwhile,
};
use crate::views::documents::{VersionLine, status_badge, versions_table};
use crate::web::context::Ctx;

mod compare;
mod form;
mod show;
mod versions;

pub use compare::*;
pub use form::*;
pub use show::*;
use versions::*;

pub use crate::views::components::{DecisionForm, DecisionPosted};

/// The ids of the approval form's fields; the return form's differ, as both are on one page.
const APPROVE_FIELDS: (&str, &str) = ("approve_decided_on", "approve_text");
const RETURN_FIELDS: (&str, &str) = ("return_decided_on", "return_reason");

impl DecisionPosted {
    /// The ids of the date and text fields of the form that was posted.
    pub fn field_ids(&self) -> (&'static str, &'static str) {
        if self.returning {
            RETURN_FIELDS
        } else {
            APPROVE_FIELDS
        }
    }
}

/// What the user may do with a version as it stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Actions {
    pub edit: bool,
    pub submit: bool,
    pub revise: bool,
    /// Approve or return it.
    pub decide: bool,
    /// The user drafted or submitted the version, so four eyes refuses their decision on it.
    pub own_version: bool,
}

/// One version, as its page shows it.
pub struct VersionPage<'a> {
    pub project: &'a ProjectView,
    pub directive: &'a Directive,
    pub created_by_name: &'a str,
    /// The decision on the version, with who recorded it.
    pub decision: Option<&'a (DecisionRow, String)>,
    /// Every version of the project's directives.
    pub versions: &'a [VersionEntry],
    /// The body that decides (or decided) the version.
    pub body: Body,
    pub actions: Actions,
    /// The catalog key of a notice after a step that succeeded.
    pub notice: Option<&'static str>,
    /// The catalog key of why a step was refused.
    pub refusal: Option<&'static str>,
    /// A decision form posted with errors, shown again as typed.
    pub posted: Option<&'a DecisionPosted>,
    pub today: NaiveDate,
    pub errors: &'a FieldErrors,
}

fn project_path(project: &ProjectView) -> String {
    format!("/projects/{}", project.project.id)
}

fn directive_path(project_id: i64, directive_id: i64) -> String {
    format!("/projects/{project_id}/directive/{directive_id}")
}

/// "Projektdirektiv, version 2".
fn version_name(ctx: &Ctx, row: &DirectiveRow) -> String {
    ctx.t_args(
        "directive-version-name",
        &[
            ("kind", ctx.t(row.kind().label_key()).into()),
            ("version", row.version.to_string().into()),
        ],
    )
}

fn breadcrumb(ctx: &Ctx, project: &ProjectView, directives: bool) -> Markup {
    let index = format!("{}/directive", project_path(project));
    crate::views::documents::breadcrumb(
        ctx,
        project,
        directives.then_some((index.as_str(), "directive-index-crumb")),
    )
}

/// "beslut 3/2026, 2026-11-20, infört av Maria Lindqvist".
fn decision_summary(ctx: &Ctx, decision: &DecisionRow, by: &str) -> String {
    ctx.t_args(
        "directive-decision-summary",
        &[
            ("number", decision_number(ctx, decision).into()),
            ("date", decision.decided_on.to_string().into()),
            ("by", by.to_owned().into()),
        ],
    )
}

/// A text of the directive, or a note that it is not written.
fn text_block(ctx: &Ctx, text: &str) -> Markup {
    html! {
        @if text.trim().is_empty() {
            p.muted { (ctx.t("directive-not-written")) }
        } @else {
            p.description { (text) }
        }
    }
}

fn yes_no(ctx: &Ctx, value: bool) -> String {
    ctx.t(if value { "common-yes" } else { "common-no" })
}
