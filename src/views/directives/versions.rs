//! The list of a project's directive versions and the choice of two to compare.

use super::*;
use crate::views::documents::{VersionChoice, compare_form};

/// The columns of the table of directive versions.
const HEADERS: [&str; 5] = [
    "directive-version",
    "directive-status",
    "directive-created-by",
    "directive-updated",
    "document-decision",
];

/// Every version of both kinds, and the choice of two to compare.
pub(super) fn versions_section(
    ctx: &Ctx,
    project: &ProjectView,
    versions: &[VersionEntry],
    shown: Option<&DirectiveRow>,
) -> Markup {
    if versions.is_empty() {
        return html! {};
    }
    let p = &project.project;
    // Compare the shown version with the one before it of its kind, by default.
    let to = shown.map(|r| r.id);
    let from = shown.and_then(|r| {
        versions
            .iter()
            .find(|v| v.row.kind() == r.kind() && v.row.version == r.version - 1)
            .map(|v| v.row.id)
    });
    let lines: Vec<VersionLine> = versions
        .iter()
        .map(|entry| {
            let row = &entry.row;
            let decision = match (&entry.decision, row.status()) {
                (Some(d), Status::Approved | Status::Returned) => {
                    format!("{}, {}", decision_number(ctx, d), d.decided_on)
                }
                _ => "–".to_owned(),
            };
            VersionLine {
                href: directive_path(p.id, row.id),
                name: version_name(ctx, row),
                current: Some(row.id) == to,
                status: row.status(),
                cells: vec![
                    format!(
                        "{}, {}",
                        entry.created_by_name,
                        row.created_at.format("%Y-%m-%d")
                    ),
                    row.updated_at.format("%Y-%m-%d").to_string(),
                    decision,
                ],
            }
        })
        .collect();
    html! {
        h2 #versions { (ctx.t("directive-versions")) }
        (versions_table(ctx, "directive-versions", &HEADERS, &lines))
        @if versions.len() > 1 {
            (compare_form(ctx, &format!("/projects/{}/directive/compare", p.id), &choices(ctx, versions), from, to))
        }
    }
}

/// The versions as choices of the comparison's form: name and status.
pub(super) fn choices(ctx: &Ctx, versions: &[VersionEntry]) -> Vec<VersionChoice> {
    versions
        .iter()
        .map(|entry| VersionChoice {
            id: entry.row.id,
            name: format!(
                "{} ({})",
                version_name(ctx, &entry.row),
                ctx.t(entry.row.status().label_key())
            ),
        })
        .collect()
}
