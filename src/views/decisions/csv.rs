//! The decision log and the delegation report as CSV for Excel, with the conventions of the
//! portfolio export (`views::csv`).

use super::{Viewer, body_label, category_label, follow_up_text, readable_text};
use crate::db::decision_log::Listed;
use crate::views::csv::{self, Cell, Excel};
use crate::web::context::Ctx;

const COLUMNS: [&str; 12] = [
    "decisions-citation",
    "decisions-date",
    "decisions-body",
    "decisions-kind",
    "decisions-text",
    "decisions-project",
    "decisions-decided-by",
    "decisions-recorded-by",
    "decisions-delegated",
    "decisions-registry-number",
    "decisions-follow-up",
    "decisions-supersedes-id",
];

/// The texts of one row, made before the cells borrow them.
fn texts(ctx: &Ctx, viewer: Viewer, row: &Listed) -> [String; 9] {
    let d = &row.decision;
    [
        d.citation(),
        body_label(ctx, d),
        category_label(ctx, d),
        readable_text(ctx, viewer, d),
        row.projects
            .iter()
            .map(|p| format!("{} {}", p.code, p.name))
            .collect::<Vec<_>>()
            .join(", "),
        row.decided_by.clone().unwrap_or_default(),
        row.recorded_by.clone().unwrap_or_default(),
        if d.delegated {
            ctx.t("decisions-delegated-yes")
        } else {
            ctx.t("decisions-delegated-no")
        },
        follow_up_text(ctx, viewer, row),
    ]
}

fn text(value: &str) -> Cell<'_> {
    if value.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(value)
    }
}

/// The rows as CSV; a reader gets a confidential decision's reason, as on the page.
pub fn log(
    ctx: &Ctx,
    viewer: Viewer,
    excel: Excel,
    rows: &[Listed],
) -> Result<Vec<u8>, ::csv::Error> {
    let headers: Vec<String> = COLUMNS.into_iter().map(|key| ctx.t(key)).collect();
    let texts: Vec<[String; 9]> = rows.iter().map(|row| texts(ctx, viewer, row)).collect();
    let lines = rows.iter().zip(&texts).map(
        |(
            row,
            [
                citation,
                body,
                kind,
                text_,
                projects,
                decided_by,
                recorded_by,
                delegated,
                follow_up,
            ],
        )| {
            let d = &row.decision;
            vec![
                Cell::Text(citation),
                Cell::Date(d.decided_on),
                Cell::Text(body),
                Cell::Text(kind),
                Cell::Text(text_),
                text(projects),
                text(decided_by),
                text(recorded_by),
                Cell::Text(delegated),
                d.registry_number.as_deref().map_or(Cell::Empty, text),
                text(follow_up),
                d.supersedes.map_or(Cell::Empty, Cell::Whole),
            ]
        },
    );
    csv::table(excel, &headers, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_label_in_both_languages() {
        for key in COLUMNS {
            for lang in [crate::domain::lang::Lang::Sv, crate::domain::lang::Lang::En] {
                assert_ne!(crate::i18n::t(lang, key), key, "{key}");
            }
        }
    }
}
