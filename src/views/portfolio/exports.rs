//! The portfolio's CSV files for Excel (`views::csv`): the portfolio as filtered, every project's
//! report of a period, and every escalation. Headers and words in the reader's language.

use super::{Words, trend_key};
use crate::db::reports::ReportRow;
use crate::domain::portfolio::status::{ProjectStatus, deviation_permille};
use crate::domain::status_report::{Aspect, ReportState};
use crate::views::csv::{Cell, Excel, table};
use crate::web::context::Ctx;

fn headers(ctx: &Ctx, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|key| ctx.t(key)).collect()
}

fn text(value: &str) -> Cell<'_> {
    Cell::Text(value)
}

fn amount(value: Option<i64>) -> Cell<'static> {
    value.map_or(Cell::Empty, Cell::Whole)
}

pub fn portfolio(ctx: &Ctx, excel: Excel, rows: &[&ProjectStatus]) -> Result<Vec<u8>, csv::Error> {
    let words = Words::new(ctx);
    let mut keys = vec![
        "project-code",
        "project-name",
        "project-unit",
        "portfolio-board",
        "project-phase",
        "project-lead",
        "portfolio-period",
    ];
    keys.extend(Aspect::ALL.iter().map(|a| a.label_key()));
    keys.extend([
        "portfolio-trend",
        "portfolio-budget",
        "portfolio-forecast",
        "portfolio-deviation-sek",
        "portfolio-deviation-percent",
        "portfolio-next-milestone",
        "portfolio-milestone-forecast",
        "portfolio-due-period",
        "portfolio-report-state",
        "portfolio-escalations",
    ]);
    let trends: Vec<String> = rows
        .iter()
        .map(|s| s.trend.map(|t| ctx.t(trend_key(t))).unwrap_or_default())
        .collect();
    let periods: Vec<(String, String)> = rows
        .iter()
        .map(|s| {
            (
                s.latest().map(|r| r.period.to_string()).unwrap_or_default(),
                s.due_period.to_string(),
            )
        })
        .collect();
    let lines = rows
        .iter()
        .zip(&trends)
        .zip(&periods)
        .map(|((s, trend), (latest, due))| {
            let p = &s.project;
            let report = s.latest();
            let mut cells = vec![
                text(&p.code),
                text(&p.name),
                text(&p.unit_name),
                text(&p.board_name),
                text(words.phase(p.phase)),
                text(p.lead_name.as_deref().unwrap_or("")),
                text(latest),
            ];
            cells.extend(
                Aspect::ALL
                    .iter()
                    .map(|a| text(words.light(report.and_then(|r| r.light(*a))))),
            );
            let milestone = s.next_milestone();
            cells.extend([
                text(trend),
                amount(s.budget_sek),
                amount(s.forecast_sek()),
                amount(s.deviation.map(|d| d.sek)),
                s.budget_sek
                    .zip(s.forecast_sek())
                    .and_then(|(b, f)| deviation_permille(b, f))
                    .map_or(Cell::Empty, |tenths| Cell::Decimal(tenths, 1)),
                text(milestone.map_or("", |m| m.name.as_str())),
                milestone.map_or(Cell::Empty, |m| Cell::Date(m.expected_on)),
                text(due),
                text(words.state(s.due_state)),
                Cell::Whole(i64::try_from(s.open_escalations).unwrap_or(i64::MAX)),
            ]);
            cells
        });
    table(excel, &headers(ctx, &keys), lines)
}

/// The rows of `reports.csv`: each project's newest submitted version of the period.
pub fn reports(
    ctx: &Ctx,
    excel: Excel,
    due_day: u32,
    today: chrono::NaiveDate,
    rows: &[(String, String, ReportRow)],
) -> Result<Vec<u8>, csv::Error> {
    let words = Words::new(ctx);
    let mut keys = vec![
        "project-code",
        "project-name",
        "portfolio-period",
        "portfolio-version",
        "portfolio-report-state",
    ];
    for aspect in Aspect::ALL {
        keys.push(aspect.label_key());
        keys.push(comment_key(aspect));
    }
    keys.extend([
        "portfolio-cost-to-date",
        "portfolio-forecast",
        "portfolio-submitted-on",
    ]);
    let lines = rows.iter().map(|(code, name, row)| {
        let state = ReportState::of(row.period(), due_day, row.submitted_on, today);
        let mut cells = vec![
            text(code),
            text(name),
            text(&row.period),
            Cell::Whole(i64::from(row.version)),
            text(words.state(Some(state))),
        ];
        for aspect in Aspect::ALL {
            cells.push(text(words.light(row.light(aspect))));
            cells.push(text(row.comment(aspect)));
        }
        cells.extend([
            amount(row.cost_to_date_sek),
            amount(row.forecast_sek),
            row.submitted_on.map_or(Cell::Empty, Cell::Date),
        ]);
        cells
    });
    table(excel, &headers(ctx, &keys), lines)
}

fn comment_key(aspect: Aspect) -> &'static str {
    match aspect {
        Aspect::Overall => "portfolio-comment-overall",
        Aspect::Time => "portfolio-comment-time",
        Aspect::Cost => "portfolio-comment-cost",
        Aspect::Scope => "portfolio-comment-scope",
        Aspect::Resources => "portfolio-comment-resources",
        Aspect::Risk => "portfolio-comment-risk",
    }
}
