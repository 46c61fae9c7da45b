//! The one layout every page is rendered in.

use maud::{DOCTYPE, Markup, html};

use crate::domain::lang::Lang;
use crate::domain::policy::Action;
use crate::web::context::Ctx;

/// Where the layout's navigation marks the current page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    None,
    Projects,
    Portfolio,
    Rollups,
    Escalations,
    Meetings,
    Decisions,
    ActionItems,
    FollowUp,
    Users,
    Units,
    Settings,
    Audit,
    Account,
}

/// A whole page: `title` goes in `<title>` and is the page's own `<h1>` by convention of the views.
pub fn page(ctx: &Ctx, section: Section, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (ctx.t("app-name")) }
                link rel="stylesheet" href="/static/styr.css";
                link rel="stylesheet" href="/static/print.css" media="print";
                link rel="icon" href="/static/favicon.svg" type="image/svg+xml";
            }
            body {
                a.skip-link href="#main" { (ctx.t("layout-skip-to-content")) }
                header.site-header {
                    div.header-inner {
                        a.brand href="/" { (ctx.t("app-name")) }
                        @if ctx.user.is_some() { (navigation(ctx, section)) }
                        div.header-tools {
                            (language_switch(ctx))
                            @if let Some(user) = &ctx.user {
                                form.inline-form method="post" action="/logout" {
                                    input type="hidden" name="csrf_token" value=(ctx.csrf_token);
                                    span.user-name { (user.display_name) }
                                    " "
                                    button.link-button type="submit" { (ctx.t("layout-log-out")) }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" { (body) }
                footer.site-footer {
                    p {
                        (ctx.t("app-name")) " · " (ctx.t("layout-footer-owner")) " · "
                        a href="/accessibility" { (ctx.t("accessibility-title")) }
                    }
                }
            }
        }
    }
}

fn navigation(ctx: &Ctx, current: Section) -> Markup {
    let mut links = vec![
        (Section::Projects, "/projects", "nav-projects"),
        (Section::Portfolio, "/portfolio", "nav-portfolio"),
        (Section::Rollups, "/rollups", "nav-rollups"),
        (Section::Escalations, "/escalations", "nav-escalations"),
        (Section::Meetings, "/meetings", "nav-meetings"),
        (Section::Decisions, "/decisions", "nav-decisions"),
        (Section::ActionItems, "/action-items", "nav-action-items"),
        (Section::FollowUp, "/follow-up", "nav-follow-up"),
    ];
    if ctx.may(Action::AdministerUsers) {
        links.push((Section::Users, "/admin/users", "nav-users"));
    }
    if ctx.may(Action::AdministerUnits) {
        links.push((Section::Units, "/admin/units", "nav-units"));
    }
    if ctx.may(Action::AdministerSettings) {
        links.push((Section::Settings, "/admin/settings", "nav-settings"));
    }
    if ctx.may(Action::ViewAudit) {
        links.push((Section::Audit, "/audit", "nav-audit"));
    }
    links.push((Section::Account, "/account", "nav-account"));
    html! {
        nav.main-nav aria-label=(ctx.t("nav-label")) {
            ul {
                @for (section, href, key) in links {
                    li {
                        @if section == current {
                            a href=(href) aria-current="page" { (ctx.t(key)) }
                        } @else {
                            a href=(href) { (ctx.t(key)) }
                        }
                    }
                }
            }
        }
    }
}

/// A button to switch to the other language; works without JavaScript.
fn language_switch(ctx: &Ctx) -> Markup {
    let other = match ctx.lang {
        Lang::Sv => Lang::En,
        Lang::En => Lang::Sv,
    };
    html! {
        form.inline-form method="post" action="/language" {
            input type="hidden" name="csrf_token" value=(ctx.csrf_token);
            input type="hidden" name="next" value=(ctx.here);
            input type="hidden" name="lang" value=(other.code());
            button.link-button type="submit" lang=(other.code()) {
                (ctx.t(match other { Lang::Sv => "layout-in-swedish", Lang::En => "layout-in-english" }))
            }
        }
    }
}
