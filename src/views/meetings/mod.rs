//! The pages of meetings and their minutes: the list with the planning form (`index`), the
//! meeting page (`show`), the forms of a decision and an action item under an item (`forms`), and
//! the printable minutes (`minutes`). What the meeting page and the printed minutes share is here:
//! the header, each item's record with its decisions and action items, and the signatures.

use chrono::{Local, NaiveDateTime, TimeZone, Utc};
use maud::{Markup, html};

use crate::db::decisions::DecisionRow;
use crate::db::meetings::{ItemRow, MeetingRow, Minutes, Someone};
use crate::domain::lang::Lang;
use crate::domain::meeting::{BodySection, ItemForm, MeetingState, Section};
use crate::domain::validation::FieldErrors;
use crate::views::components::date;
use crate::web::context::Ctx;

pub mod forms;
pub mod index;
pub mod minutes;
pub mod sections;
pub mod show;

/// What the user may do to a meeting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rights {
    /// Plans and minutes it: attendance, items, decisions, action items, holding.
    pub may_minute: bool,
    /// Is its chair or its adjuster, who adjust the minutes.
    pub is_signer: bool,
    /// Sees the text of confidential decisions, not only their reason.
    pub sees_confidential: bool,
}

/// A meeting as a page shows it: its minutes, the user's rights, the people to choose from and
/// the members of its body.
pub struct MeetingData {
    pub minutes: Minutes,
    pub rights: Rights,
    pub people: Vec<Someone>,
    pub members: Vec<i64>,
    /// The sections of its body's minutes, in order.
    pub sections: Vec<BodySection>,
}

impl MeetingData {
    /// The body's members, by name.
    pub fn member_people(&self) -> impl Iterator<Item = &Someone> {
        self.people.iter().filter(|p| self.members.contains(&p.id))
    }

    pub fn editable(&self) -> bool {
        self.rights.may_minute && self.minutes.meeting.state().is_editable()
    }
}

/// What the meeting page was posted with, when it is shown again.
#[derive(Debug, Clone, Default)]
pub struct Posted {
    pub item: ItemForm,
    /// The usernames ticked present, when attendance was posted.
    pub present: Option<Vec<String>>,
    pub errors: FieldErrors,
}

/// The meeting's name: its body and day.
pub fn title(ctx: &Ctx, meeting: &MeetingRow) -> String {
    ctx.t_args(
        "meeting-title",
        &[
            ("body", ctx.t(meeting.body().label_key()).into()),
            ("date", date(Some(meeting.held_on)).into()),
        ],
    )
}

/// The state as text in a badge; the colour only repeats it.
pub fn state_badge(ctx: &Ctx, state: MeetingState) -> Markup {
    html! {
        span class={ "badge meeting-state-" (state.as_str()) } {
            (ctx.t(&format!("meeting-state-{}", state.as_str())))
        }
    }
}

/// A section's label for the user: as an administrator named it, else the model's, else its
/// key.
pub fn label_of(ctx: &Ctx, section: &BodySection) -> String {
    match &section.labels {
        Some((sv, en)) => match ctx.lang {
            Lang::Sv => sv.clone(),
            Lang::En => en.clone(),
        },
        None => Section::parse(&section.key)
            .map(|s| ctx.t(s.label_key()))
            .unwrap_or_else(|_| section.key.clone()),
    }
}

/// The meeting's sections in order, with their labels: its body's, then any other an item has.
pub fn sections(ctx: &Ctx, data: &MeetingData) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = data
        .sections
        .iter()
        .map(|s| (s.key.clone(), label_of(ctx, s)))
        .collect();
    for item in &data.minutes.items {
        if !sections.iter().any(|(key, _)| *key == item.section) {
            sections.push((item.section.clone(), item.section.clone()));
        }
    }
    sections
}

/// The label of the section `key` of the meeting.
pub fn section_label(ctx: &Ctx, data: &MeetingData, key: &str) -> String {
    sections(ctx, data)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, label)| label)
        .unwrap_or_else(|| key.to_owned())
}

/// A time stored in UTC, in the server's local time.
pub fn local_time(at: NaiveDateTime) -> String {
    Utc.from_utc_datetime(&at)
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The header of the minutes: body, day, time, place, the officers, present and absent.
pub fn header(ctx: &Ctx, minutes: &Minutes) -> Markup {
    let m = &minutes.meeting;
    let names = |present: bool| {
        let names: Vec<&str> = minutes
            .attendance
            .iter()
            .filter(|a| a.present == present)
            .map(|a| a.name.as_str())
            .collect();
        if names.is_empty() {
            "–".to_owned()
        } else {
            names.join(", ")
        }
    };
    html! {
        dl.facts.minutes-header {
            dt { (ctx.t("meeting-body")) } dd { (ctx.t(m.body().label_key())) }
            dt { (ctx.t("meeting-held-on")) } dd { (date(Some(m.held_on))) }
            dt { (ctx.t("meeting-starts-at")) } dd { (m.starts_at) }
            dt { (ctx.t("meeting-place")) } dd { (m.place) }
            dt { (ctx.t("meeting-chair")) } dd { (minutes.name(m.chair_id)) }
            dt { (ctx.t("meeting-secretary")) } dd { (minutes.name(m.secretary_id)) }
            dt { (ctx.t("meeting-adjuster")) } dd { (minutes.name(m.adjuster_id)) }
            dt { (ctx.t("meeting-present")) } dd { (names(true)) }
            dt { (ctx.t("meeting-absent")) } dd { (names(false)) }
        }
    }
}

/// A decision's text as the user may read it: a confidential decision shows its reason instead
/// to those who may not read it.
fn decision_text(ctx: &Ctx, decision: &DecisionRow, sees_confidential: bool) -> Markup {
    match &decision.confidential_reason {
        Some(reason) if !sees_confidential => html! {
            span.confidential { (ctx.t("meeting-confidential")) ": " (reason) }
        },
        Some(reason) => html! {
            span.pre-wrap { (decision.text) }
            " " span.confidential { "(" (ctx.t("meeting-confidential")) ": " (reason) ")" }
        },
        None => html! { span.pre-wrap { (decision.text) } },
    }
}

fn citation_link(decision: &DecisionRow) -> Markup {
    html! { a href={ "/decisions/" (decision.id) } { (decision.citation()) } }
}

/// One decision set off as "Beslut: LG 2026:14 …", with who decided, what it supersedes and what
/// superseded it.
fn decision(ctx: &Ctx, minutes: &Minutes, d: &DecisionRow, sees_confidential: bool) -> Markup {
    html! {
        div.decision id={ "decision-" (d.id) } {
            p {
                strong { (ctx.t("meeting-decision-label")) } " "
                (citation_link(d)) " " (decision_text(ctx, d, sees_confidential))
            }
            p.decision-meta {
                @if let Some(by) = d.decided_by {
                    (ctx.t("meeting-decided-by")) ": " (minutes.name(by))
                }
                @if let Some(project) = d.project_id {
                    " · " a href={ "/projects/" (project) } { (minutes.project_code(project)) }
                }
                @if let Some(number) = &d.registry_number {
                    " · " (ctx.t("meeting-registry-number")) ": " (number)
                }
            }
            @if let Some(old) = d.supersedes.and_then(|id| minutes.decision(id)) {
                p.supersedes { (ctx.t("meeting-supersedes")) " " (citation_link(old)) }
            }
            @if let Some(new) = minutes.superseded(d.id) {
                p.superseded { strong { (ctx.t("meeting-superseded-by")) } " " (citation_link(new)) }
            }
        }
    }
}

/// An item's record: its notes, its decisions and its action items.
pub fn item_record(ctx: &Ctx, minutes: &Minutes, item: &ItemRow, rights: Rights) -> Markup {
    let actions: Vec<_> = minutes.actions_of(item.id).collect();
    html! {
        (item_links(ctx, minutes, item))
        @if let Some(presenter) = item.presenter_id {
            p.muted { (ctx.t("meeting-presenter")) ": " (minutes.name(presenter)) }
        }
        @if !item.notes.is_empty() { p.pre-wrap.notes { (item.notes) } }
        @for d in minutes.decisions_of(item.id) {
            (decision(ctx, minutes, d, rights.sees_confidential))
        }
        @if !actions.is_empty() {
            h4 { (ctx.t("meeting-actions")) }
            ul.actions {
                @for a in &actions {
                    li {
                        (a.action.text) " — " (a.owners.join(", ")) " — "
                        (ctx.t("meeting-due-on")) " " (date(Some(a.action.due_on)))
                    }
                }
            }
        }
    }
}

/// An item's heading: its title, named as a roll-up when it offers one (its title is the period).
pub fn item_heading(ctx: &Ctx, item: &ItemRow) -> String {
    match item.rollup_id {
        Some(_) => format!("{} {}", ctx.t("meeting-linked-rollup"), item.title),
        None => item.title.clone(),
    }
}

/// What an item links to: its project, status report, escalation, roll-up, overdue action item
/// or month of the budget follow-up.
fn item_links(ctx: &Ctx, minutes: &Minutes, item: &ItemRow) -> Markup {
    let any = item.project_id.is_some()
        || item.rollup_id.is_some()
        || item.action_item_id.is_some()
        || item.follow_up_period.is_some();
    if !any {
        return html! {};
    }
    html! {
        p.item-links {
            @if let Some(project) = item.project_id {
                a href={ "/projects/" (project) } { (minutes.project_code(project)) }
                @if let Some(report) = item.report_id {
                    " · " a href={ "/projects/" (project) "/reports/" (report) } {
                        (ctx.t("meeting-linked-report"))
                    }
                }
                @if item.escalation_id.is_some() { " · " (ctx.t("meeting-linked-escalation")) }
            }
            @if let Some(rollup) = item.rollup_id {
                a href={ "/rollups/" (rollup) } { (item_heading(ctx, item)) }
            }
            @if item.action_item_id.is_some() { (ctx.t("meeting-linked-overdue-action")) }
            @if let Some(period) = &item.follow_up_period {
                a href={ "/follow-up?period=" (period) } { (ctx.t("meeting-linked-follow-up")) " " (period) }
            }
        }
    }
}

/// The adjusting signatures: who, and when, or that they have not yet.
pub fn signatures(ctx: &Ctx, minutes: &Minutes) -> Markup {
    let m = &minutes.meeting;
    let line = |label: &str, who: i64, at: Option<NaiveDateTime>| {
        html! {
            dt { (ctx.t(label)) } dd {
                (minutes.name(who)) " — "
                @match at {
                    Some(at) => { (ctx.t("meeting-signed-at")) " " (local_time(at)) }
                    None => { (ctx.t("meeting-not-signed")) }
                }
            }
        }
    };
    html! {
        section.signatures aria-labelledby="signatures_title" {
            h2 #signatures_title { (ctx.t("meeting-signatures")) }
            dl.facts {
                (line("meeting-chair", m.chair_id, m.chair_signed_at))
                (line("meeting-adjuster", m.adjuster_id, m.adjuster_signed_at))
            }
        }
    }
}

/// The people as options of a drop-down: username, and name.
pub fn options<'a>(people: impl Iterator<Item = &'a Someone>) -> Vec<(String, String)> {
    people
        .map(|p| (p.username.clone(), p.display_name.clone()))
        .collect()
}
