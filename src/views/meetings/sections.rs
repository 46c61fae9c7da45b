//! `GET /admin/sections`: the sections of each body's minutes, and the form with which an
//! administrator renames one (its key kept) or adds one after the others.

use maud::{Markup, html};

use crate::domain::decision::Body;
use crate::domain::lang::Lang;
use crate::domain::meeting::{BodySection, Section, SectionForm};
use crate::domain::validation::FieldErrors;
use crate::views::components::{
    Field, column_heads, csrf_field, error_summary, notice, select_field,
};
use crate::views::layout::{self, Section as Nav};
use crate::web::context::Ctx;

/// The bodies whose minutes have sections.
pub const BODIES: [Body; 2] = [Body::ManagementGroup, Body::SteeringGroup];

const LABELS: &[(&str, &str)] = &[
    ("body", "meeting-body"),
    ("key", "sections-key"),
    ("label_sv", "sections-label-sv"),
    ("label_en", "sections-label-en"),
];

/// A section's label in `lang`: as stored, else the model's.
fn label_in(section: &BodySection, lang: Lang) -> String {
    match (&section.labels, lang) {
        (Some((sv, _)), Lang::Sv) => sv.clone(),
        (Some((_, en)), Lang::En) => en.clone(),
        (None, _) => Section::parse(&section.key)
            .map(|s| crate::i18n::t(lang, s.label_key()))
            .unwrap_or_else(|_| section.key.clone()),
    }
}

pub fn page(
    ctx: &Ctx,
    bodies: &[(Body, Vec<BodySection>)],
    form: &SectionForm,
    errors: &FieldErrors,
    saved: bool,
) -> Markup {
    let title = ctx.t("sections-title");
    let body_options: Vec<(String, String)> = BODIES
        .iter()
        .map(|b| (b.as_str().to_owned(), ctx.t(b.label_key())))
        .collect();
    layout::page(
        ctx,
        Nav::Settings,
        &title,
        html! {
            h1 { (title) }
            @if saved { (notice(&ctx.t("meeting-saved"))) }
            (error_summary(ctx, errors, LABELS))
            p { (ctx.t("sections-intro")) }
            @for (body, sections) in bodies {
                div.table-wrap { table.data-table {
                    caption { (ctx.t(body.label_key())) }
                    (column_heads(ctx, &["sections-key", "sections-label-sv", "sections-label-en"]))
                    tbody { @for section in sections {
                        tr {
                            td { code { (section.key) } }
                            td { (label_in(section, Lang::Sv)) }
                            td { (label_in(section, Lang::En)) }
                        }
                    } }
                } }
            }
            section aria-labelledby="section_form_title" {
                h2 #section_form_title { (ctx.t("sections-save")) }
                form.stacked method="post" action="/admin/sections" {
                    (csrf_field(ctx))
                    (select_field(ctx, errors, "body", "meeting-body", &body_options, &form.body, None))
                    (Field::text("key", "sections-key", &form.key).required().hint("sections-key-hint").render(ctx, errors))
                    (Field::text("label_sv", "sections-label-sv", &form.label_sv).required().render(ctx, errors))
                    (Field::text("label_en", "sections-label-en", &form.label_en).required().render(ctx, errors))
                    button type="submit" { (ctx.t("sections-save")) }
                }
            }
        },
    )
}
