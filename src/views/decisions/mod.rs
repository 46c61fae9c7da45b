//! The decision log's pages: the log with its search and filters (`list.rs`), one decision
//! (`show.rs`), the delegated decisions reported to the board (`delegated.rs`), the form for a
//! delegated decision (`form.rs`), and the log as CSV (`csv.rs`). What every one of them writes
//! the same way is here.

pub mod csv;
pub mod delegated;
pub mod form;
pub mod list;
pub mod show;

use maud::{Markup, html};

use crate::db::decision_log::{Listed, ProjectRef};
use crate::db::decisions::DecisionRow;
use crate::domain::decision::Body;
use crate::domain::decision_log::FollowUp;
use crate::web::context::Ctx;

/// What the viewer may read of a confidential decision: readers see its reason, not its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub confidential_text: bool,
    pub today: chrono::NaiveDate,
}

/// The decision's body, in words.
pub fn body_label(ctx: &Ctx, decision: &DecisionRow) -> String {
    decision
        .body()
        .map_or_else(|| decision.body.clone(), |b| ctx.t(Body::label_key(b)))
}

/// Which of the six kinds of the log the decision is, in words.
pub fn category_label(ctx: &Ctx, decision: &DecisionRow) -> String {
    decision.kind().map_or_else(
        || decision.kind.clone(),
        |kind| ctx.t(kind.category(decision.phase_to()).label_key()),
    )
}

/// The decision's own kind, in words ("Projektplan godkänd").
pub fn kind_label(ctx: &Ctx, decision: &DecisionRow) -> String {
    decision
        .kind()
        .map_or_else(|| decision.kind.clone(), |kind| ctx.t(kind.label_key()))
}

/// The text the viewer may read: the text, or for a reader the confidentiality reason.
pub fn readable_text(ctx: &Ctx, viewer: Viewer, decision: &DecisionRow) -> String {
    match &decision.confidential_reason {
        Some(reason) if !viewer.confidential_text => ctx.t_args(
            "decisions-confidential",
            &[("reason", reason.clone().into())],
        ),
        _ => decision.text.clone(),
    }
}

/// The text the logged-in user of `ctx` may read, wherever a decision is shown outside the log (a
/// project's decisions, an escalation's answer): the text, or for a reader the reason.
pub fn text_for(ctx: &Ctx, decision: &DecisionRow) -> String {
    let viewer = Viewer {
        confidential_text: ctx
            .user
            .as_ref()
            .is_some_and(|user| crate::domain::decision_log::sees_confidential_text(user.role)),
        today: crate::web::today(),
    };
    readable_text(ctx, viewer, decision)
}

/// The decision's text or reason, with a mark when it is confidential.
pub fn text_cell(ctx: &Ctx, viewer: Viewer, decision: &DecisionRow) -> Markup {
    html! {
        @if decision.is_confidential() && viewer.confidential_text {
            strong.badge { (ctx.t("decisions-confidential-mark")) } " "
        }
        (readable_text(ctx, viewer, decision))
    }
}

/// The projects, each linking to its page.
pub fn projects_cell(projects: &[ProjectRef]) -> Markup {
    html! {
        @for (i, project) in projects.iter().enumerate() {
            @if i > 0 { ", " }
            a href={ "/projects/" (project.id) } { (project.code) } " " (project.name)
        }
    }
}

/// The follow-up: who and when, with where it stands today in words.
pub fn follow_up_text(ctx: &Ctx, viewer: Viewer, listed: &Listed) -> String {
    let decision = &listed.decision;
    let mut parts: Vec<String> = Vec::new();
    if let Some(name) = &listed.follow_up_by {
        parts.push(name.clone());
    }
    if let Some(on) = decision.follow_up_on {
        parts.push(on.format("%Y-%m-%d").to_string());
        parts.push(format!(
            "({})",
            ctx.t(FollowUp::of(on, viewer.today).label_key())
        ));
    }
    parts.join(" ")
}

/// "Ja" for a decision made under delegation, nothing otherwise.
pub fn delegated_mark(ctx: &Ctx, decision: &DecisionRow) -> String {
    if decision.delegated {
        ctx.t("decisions-delegated-yes")
    } else {
        String::new()
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
