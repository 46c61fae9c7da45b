//! The numbered rows of the plan's form (milestones, budget lines, risks, benefits): their columns
//! and how each cell is written.

use super::*;

/// The kind of a cell of a numbered row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cell {
    Text,
    Date,
    Category,
    Score,
}

pub(super) struct Column {
    pub(super) field: &'static str,
    pub(super) header_key: &'static str,
    pub(super) cell: Cell,
}

/// A kind of numbered row in the form.
pub(super) struct RowTable {
    /// The id of the table, and the name its conflict note goes by.
    pub(super) id: &'static str,
    /// What every field of the kind starts with.
    pub(super) prefix: &'static str,
    pub(super) caption_key: &'static str,
    /// "Milestone { $row }".
    pub(super) row_key: &'static str,
    pub(super) columns: &'static [Column],
}

pub(super) const fn column(field: &'static str, header_key: &'static str, cell: Cell) -> Column {
    Column {
        field,
        header_key,
        cell,
    }
}

pub(super) const TABLES: [RowTable; 4] = [
    RowTable {
        id: "milestones",
        prefix: "milestone_",
        caption_key: "plan-milestones",
        row_key: "plan-milestone-row",
        columns: &[
            column("milestone_name", "plan-cell-name", Cell::Text),
            column("milestone_planned", "plan-milestone-planned", Cell::Date),
            column("milestone_actual", "plan-milestone-actual", Cell::Date),
        ],
    },
    RowTable {
        id: "budget",
        prefix: "budget_",
        caption_key: "plan-budget",
        row_key: "plan-budget-row",
        columns: &[
            column("budget_year", "plan-budget-year", Cell::Text),
            column("budget_category", "plan-budget-category", Cell::Category),
            column("budget_amount", "plan-budget-amount", Cell::Text),
        ],
    },
    RowTable {
        id: "risks",
        prefix: "risk_",
        caption_key: "plan-risks",
        row_key: "plan-risk-row",
        columns: &[
            column("risk_description", "plan-cell-description", Cell::Text),
            column("risk_probability", "plan-risk-probability", Cell::Score),
            column("risk_consequence", "plan-risk-consequence", Cell::Score),
            column("risk_mitigation", "plan-risk-mitigation", Cell::Text),
            column("risk_owner", "plan-risk-owner", Cell::Text),
        ],
    },
    RowTable {
        id: "benefits",
        prefix: "benefit_",
        caption_key: "plan-benefits",
        row_key: "plan-benefit-row",
        columns: &[
            column("benefit_indicator", "plan-benefit-indicator", Cell::Text),
            column("benefit_baseline", "plan-benefit-baseline", Cell::Text),
            column("benefit_target", "plan-benefit-target", Cell::Text),
            column("benefit_measured", "plan-benefit-measured", Cell::Date),
            column("benefit_owner", "plan-benefit-owner", Cell::Text),
        ],
    },
];

/// The plan's own text fields, with their label keys.
pub(super) const TEXT_FIELDS: [(&str, &str); 4] = [
    ("communication", "plan-communication"),
    ("handover_owner", "plan-handover-owner"),
    ("maintenance_object", "plan-maintenance-object"),
    ("over_frame_reason", "plan-over-frame-reason"),
];

/// The plan's tolerances (whole numbers), with their label and hint keys.
pub(super) const TOLERANCE_FIELDS: [(&str, &str, &str); 2] = [
    (
        "time_tolerance_days",
        "plan-time-tolerance",
        "plan-time-tolerance-hint",
    ),
    (
        "cost_tolerance_percent",
        "plan-cost-tolerance",
        "plan-cost-tolerance-hint",
    ),
];

/// Empty rows offered below the written ones.
pub(super) const EMPTY_ROWS: usize = 2;

impl RowTable {
    fn is_blank(&self, form: &PlanForm, row: usize) -> bool {
        self.columns
            .iter()
            .all(|c| form.get(&row_field(c.field, row)).trim().is_empty())
    }

    /// The rows to show: every row up to the last one written, then two empty ones.
    fn shown_rows(&self, form: &PlanForm) -> usize {
        let written = (1..=form.rows(self.prefix))
            .rev()
            .find(|row| !self.is_blank(form, *row))
            .unwrap_or(0);
        (written + EMPTY_ROWS).min(ROWS_MAX)
    }

    /// The written rows as text, one a line, to show what was saved meanwhile.
    fn as_text(&self, form: &PlanForm) -> String {
        (1..=form.rows(self.prefix))
            .filter(|row| !self.is_blank(form, *row))
            .map(|row| {
                self.columns
                    .iter()
                    .map(|c| form.get(&row_field(c.field, row)).trim().to_owned())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn cell_label(&self, ctx: &Ctx, column: &Column, row: usize) -> String {
        format!(
            "{}: {}",
            ctx.t_args(self.row_key, &[("row", row.into())]),
            ctx.t(column.header_key)
        )
    }
}

/// The label of a field of the plan form, for the error summary.
pub(super) fn field_label(ctx: &Ctx, directive: &AnsweredDirective, field: &str) -> Option<String> {
    if let Some(id) = field
        .strip_prefix("answer_")
        .and_then(|id| id.parse::<i64>().ok())
    {
        return directive
            .goals
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.text.clone());
    }
    if let Some((_, key)) = TEXT_FIELDS.iter().find(|(name, _)| *name == field) {
        return Some(ctx.t(key));
    }
    if let Some((_, key, _)) = TOLERANCE_FIELDS.iter().find(|(name, ..)| *name == field) {
        return Some(ctx.t(key));
    }
    TABLES.iter().find_map(|table| {
        table.columns.iter().find_map(|column| {
            let row = field
                .strip_prefix(column.field)?
                .strip_prefix('_')?
                .parse::<usize>()
                .ok()?;
            Some(table.cell_label(ctx, column, row))
        })
    })
}

/// A labelled one-line input whose label is already text.
pub(super) fn text_input(
    ctx: &Ctx,
    name: &str,
    label: &str,
    value: &str,
    error: Option<&'static str>,
    hint_key: Option<&str>,
) -> Markup {
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (label) }
            @if let Some(hint) = hint_key { p.field-hint id={ (name) "-hint" } { (ctx.t(hint)) } }
            @if let Some(error) = error { p.field-error id={ (name) "-error" } { (ctx.t(error)) } }
            input id=(name) name=(name) type="text" value=(value)
                aria-describedby=[described_by(name, hint_key.is_some(), error.is_some())]
                aria-invalid=[error.map(|_| "true")];
        }
    }
}

/// A labelled text area whose label is already text (a goal's text, say).
pub(super) fn text_area(
    ctx: &Ctx,
    name: &str,
    label: &str,
    value: &str,
    error: Option<&'static str>,
    hint_key: Option<&str>,
) -> Markup {
    html! {
        div.field.has-error[error.is_some()] {
            label for=(name) { (label) }
            @if let Some(hint) = hint_key { p.field-hint id={ (name) "-hint" } { (ctx.t(hint)) } }
            @if let Some(error) = error { p.field-error id={ (name) "-error" } { (ctx.t(error)) } }
            textarea id=(name) name=(name) rows="4"
                aria-describedby=[described_by(name, hint_key.is_some(), error.is_some())]
                aria-invalid=[error.map(|_| "true")] { (value) }
        }
    }
}

/// The options of a cell's drop-down; a value typed that no option has is kept as one, so the
/// form shows what was sent.
pub(super) fn cell_options(ctx: &Ctx, cell: Cell, value: &str) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = match cell {
        Cell::Category => std::iter::once((String::new(), ctx.t("form-choose")))
            .chain(
                BudgetCategory::ALL
                    .iter()
                    .map(|c| (c.as_str().to_owned(), ctx.t(c.label_key()))),
            )
            .collect(),
        Cell::Score => std::iter::once((String::new(), "–".to_owned()))
            .chain((1..=5).map(|n: u8| (n.to_string(), n.to_string())))
            .collect(),
        Cell::Text | Cell::Date => Vec::new(),
    };
    if !value.is_empty() && !options.iter().any(|(v, _)| v == value) {
        options.push((value.to_owned(), value.to_owned()));
    }
    options
}

pub(super) fn row_cell(
    ctx: &Ctx,
    table: &RowTable,
    column: &Column,
    row: usize,
    form: &PlanForm,
    errors: &FieldErrors,
) -> Markup {
    let name = row_field(column.field, row);
    let value = form.get(&name);
    let error = errors.get(&name);
    let error_id = format!("{name}-error");
    let hint_id = (column.cell == Cell::Date).then_some("plan_date_hint");
    let described = [hint_id, error.map(|_| error_id.as_str())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let described = (!described.is_empty()).then_some(described);
    html! {
        td.plan-cell.has-error[error.is_some()] {
            label.sr-only for=(name) { (table.cell_label(ctx, column, row)) }
            @if let Some(error) = error { p.field-error id=(error_id) { (ctx.t(error)) } }
            @match column.cell {
                Cell::Text | Cell::Date => {
                    input id=(name) name=(name) type="text" value=(value)
                        size=[(column.cell == Cell::Date).then_some("10")]
                        aria-describedby=[described.as_deref()]
                        aria-invalid=[error.map(|_| "true")];
                },
                Cell::Category | Cell::Score => {
                    select id=(name) name=(name)
                        aria-describedby=[described.as_deref()]
                        aria-invalid=[error.map(|_| "true")] {
                        @for (v, text) in cell_options(ctx, column.cell, value) {
                            option value=(v) selected[v == value] { (text) }
                        }
                    }
                },
            }
        }
    }
}

pub(super) fn row_table(
    ctx: &Ctx,
    table: &RowTable,
    form: &PlanForm,
    errors: &FieldErrors,
    saved: Option<&PlanForm>,
) -> Markup {
    let rows = table.shown_rows(form);
    html! {
        h3 id={ (table.id) "-heading" } { (ctx.t(table.caption_key)) }
        @if let Some(saved) = saved {
            (saved_meanwhile(ctx, table.id, &table.as_text(saved), &table.as_text(form)))
        }
        div.table-wrap {
            table.data-table.plan-table.plan-rows id=(table.id) {
                caption.sr-only { (ctx.t(table.caption_key)) }
                thead { tr {
                    th scope="col" { (ctx.t("plan-row-number")) }
                    @for column in table.columns {
                        th scope="col" { (ctx.t(column.header_key)) }
                    }
                } }
                tbody {
                    @for row in 1..=rows {
                        tr {
                            th scope="row" { (row) }
                            @for column in table.columns {
                                (row_cell(ctx, table, column, row, form, errors))
                            }
                        }
                    }
                }
            }
        }
    }
}
