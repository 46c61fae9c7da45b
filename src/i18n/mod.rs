//! The Swedish and English catalogs, in Fluent (`sv/*.ftl`, `en/*.ftl` beside this file: one
//! file per part of the app, the same files in both), compiled into the binary. Every user-visible string goes through [`t`] or [`t_args`]; a test fails when
//! a key is in one catalog and not the other, or used in code and in neither.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::domain::lang::Lang;

/// A language's catalog: its files, in the order they are read.
macro_rules! catalog_files {
    ($lang:literal) => {
        &[
            include_str!(concat!($lang, "/main.ftl")),
            include_str!(concat!($lang, "/reports.ftl")),
            include_str!(concat!($lang, "/portfolio.ftl")),
            include_str!(concat!($lang, "/meetings.ftl")),
            include_str!(concat!($lang, "/decisions.ftl")),
            include_str!(concat!($lang, "/actions.ftl")),
        ]
    };
}

pub const SV: &[&str] = catalog_files!("sv");
pub const EN: &[&str] = catalog_files!("en");

struct Catalogs {
    sv: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(lang: Lang, sources: &[&str]) -> FluentBundle<FluentResource> {
    let id = lang
        .code()
        .parse()
        .expect("sv and en are language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would show up inside HTML attributes and tests; the texts are
    // left-to-right only.
    bundle.set_use_isolating(false);
    for source in sources {
        let resource =
            FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errors)| {
                panic!("the {} catalog does not parse: {errors:?}", lang.code())
            });
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!("the {} catalog repeats keys: {errors:?}", lang.code())
        });
    }
    bundle
}

static CATALOGS: LazyLock<Catalogs> = LazyLock::new(|| Catalogs {
    sv: bundle(Lang::Sv, SV),
    en: bundle(Lang::En, EN),
});

fn catalog(lang: Lang) -> &'static FluentBundle<FluentResource> {
    match lang {
        Lang::Sv => &CATALOGS.sv,
        Lang::En => &CATALOGS.en,
    }
}

/// The text of `key` in `lang`; the key itself if the catalog lacks it (a test forbids that).
pub fn t(lang: Lang, key: &str) -> String {
    format(lang, key, None)
}

/// The text of `key` in `lang` with its placeholders filled in.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, FluentValue)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    format(lang, key, Some(&fluent_args))
}

fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = catalog(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// An amount of kronor as people read it: "1 200 000 kr" in Swedish, "SEK 1,200,000" in English.
pub fn format_sek(lang: Lang, amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let separator = match lang {
        Lang::Sv => '\u{a0}',
        Lang::En => ',',
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    let sign = if amount < 0 { "−" } else { "" };
    match lang {
        Lang::Sv => format!("{sign}{grouped}\u{a0}kr"),
        Lang::En => format!("{sign}SEK\u{a0}{grouped}"),
    }
}

/// The message ids of a catalog's sources.
pub fn keys(sources: &[&str]) -> Vec<String> {
    sources
        .iter()
        .flat_map(|source| source.lines())
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_catalogs_have_the_same_keys() {
        let sv: BTreeSet<_> = keys(SV).into_iter().collect();
        let en: BTreeSet<_> = keys(EN).into_iter().collect();
        let only_sv: Vec<_> = sv.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&sv).collect();
        assert!(only_sv.is_empty(), "missing in en.ftl: {only_sv:?}");
        assert!(only_en.is_empty(), "missing in sv.ftl: {only_en:?}");
        // Building the bundles checks that both parse and repeat no key.
        assert_eq!(t(Lang::Sv, "app-name"), "Styr");
    }

    #[test]
    fn every_key_used_in_code_is_in_the_catalogs() {
        let known: BTreeSet<_> = keys(SV).into_iter().collect();
        let mut missing = Vec::new();
        let mut files = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).expect("src is readable") {
                    files.push(entry.expect("entry").path());
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).expect("source is readable");
                for key in used_keys(&source) {
                    if !known.contains(&key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys used but not in the catalogs: {missing:#?}"
        );
    }

    /// String literals that look like catalog keys: `"word-word"` of lowercase letters, digits,
    /// hyphens and underscores, at least one hyphen. Every such literal in the code is a key.
    fn used_keys(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for piece in source.split('"').skip(1).step_by(2) {
            let looks_like_key = piece.contains('-')
                && !piece.starts_with('-')
                && !piece.ends_with('-')
                && piece.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if looks_like_key && !NOT_KEYS.contains(&piece) {
                keys.push(piece.to_owned());
            }
        }
        keys
    }

    /// Literals of that shape that are not catalog keys (CSS classes, HTML attributes, headers).
    const NOT_KEYS: &[&str] = &[
        "error-summary-title",
        "current-password",
        "new-password",
        "same-origin",
        "no-store",
        "utf-8",
        "dig-2026-011",
        "word-word",
        "trusted-proxy",
        "x-forwarded-for",
    ];

    #[test]
    fn amounts_are_grouped_per_language() {
        assert_eq!(
            format_sek(Lang::Sv, 1_200_000),
            "1\u{a0}200\u{a0}000\u{a0}kr"
        );
        assert_eq!(format_sek(Lang::En, 1_200_000), "SEK\u{a0}1,200,000");
        assert_eq!(format_sek(Lang::Sv, 950), "950\u{a0}kr");
        assert_eq!(format_sek(Lang::En, 0), "SEK\u{a0}0");
    }

    #[test]
    fn placeholders_are_filled() {
        let text = t_args(Lang::En, "projects-count", &[("count", 3.into())]);
        assert_eq!(text, "3 projects");
        let text = t_args(Lang::Sv, "projects-count", &[("count", 1.into())]);
        assert_eq!(text, "1 projekt");
    }
}
