//! The project page's section on status reports: the latest periods with their overall light, and
//! the escalations raised, open or answered.

use super::show::answer_line;
use super::*;

/// What the project page shows of the reports.
#[derive(Default)]
pub struct ReportSummary {
    /// The latest periods, newest first, each with the version the user may see.
    pub periods: Vec<(Period, ReportState, Option<Light>, Option<i64>)>,
    /// Escalations of submitted versions: the escalation, its period, its answer if any.
    pub escalations: Vec<(EscalationRow, String, Option<DecisionRow>)>,
    pub owes_reports: bool,
}

pub fn summary_section(ctx: &Ctx, project_id: i64, data: &ReportSummary) -> Markup {
    html! {
        section.report-summary aria-labelledby="reports_heading" {
            h2 #reports_heading { a href=(reports_path(project_id)) { (ctx.t("report-list-heading")) } }
            @if data.periods.is_empty() {
                p.muted { (ctx.t(if data.owes_reports { "report-none" } else { "report-not-owed" })) }
            } @else {
                ul.report-periods {
                    @for (period, state, overall, id) in &data.periods {
                        li {
                            @match id {
                                Some(id) => a href=(report_path(project_id, *id)) { (period.to_string()) },
                                None => span { (period.to_string()) },
                            }
                            " " (light_badge(ctx, *overall)) " " (state_badge(ctx, *state))
                        }
                    }
                }
            }
            @if !data.escalations.is_empty() {
                h3 #escalations_heading { (ctx.t("report-escalations")) }
                ul.escalation-list aria-labelledby="escalations_heading" {
                    @for (e, period, answer) in &data.escalations {
                        li.escalation {
                            a href={ (report_path(project_id, e.report_id)) "#escalation-" (e.id) } { (period) }
                            ": " (e.text)
                            @if let Some(to) = e.to() { " (" (ctx.t_args("report-escalated-to", &[("body", ctx.t(to.label_key()).into())])) ")" }
                            " – "
                            @match answer {
                                Some(decision) => span.escalation-answer { (answer_line(ctx, decision)) },
                                None => strong.escalation-open { (ctx.t("report-escalation-open")) },
                            }
                        }
                    }
                }
            }
        }
    }
}
