//! How long the project register takes with about a thousand projects: the query with no filter,
//! the query with a free-text search, and rendering the page.
//!
//! `cargo bench --bench register` measures and prints the median and 95th percentile of each.
//! `cargo test --all-targets` also runs this file, without `--bench`: then it does every operation
//! once on a small register, so the test run stays quick and still catches a broken benchmark.

use std::hint::black_box;
use std::time::{Duration, Instant};

use styr::db::projects::{self, RegisterFilter};
use styr::db::{Db, demo, units};
use styr::domain::lang::Lang;
use styr::domain::phase::Phase;
use styr::domain::project::ProjectInput;
use styr::web::context::Ctx;

/// Projects added to the demo's ten when measuring.
const EXTRA_PROJECTS: usize = 1_000;
/// Words the generated names and descriptions are made of, Swedish as in a real register.
const WORDS: &[&str] = &[
    "digital",
    "e-tjänst",
    "hemtjänst",
    "försörjningsstöd",
    "äldreomsorg",
    "läkemedel",
    "vårdnadshavare",
    "signering",
    "mottagning",
    "uppföljning",
    "verksamhetssystem",
    "kartläggning",
    "ansökan",
    "färdtjänst",
    "trygghetslarm",
    "journal",
];

struct Settings {
    extra_projects: usize,
    iterations: usize,
}

fn main() {
    let measuring = std::env::args().any(|arg| arg == "--bench");
    let settings = if measuring {
        Settings {
            extra_projects: EXTRA_PROJECTS,
            iterations: 300,
        }
    } else {
        Settings {
            extra_projects: 20,
            iterations: 1,
        }
    };

    if !measuring {
        println!("register bench in test mode: every operation once on a small register");
    }

    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("bench.db");
    let db = Db::open(path.to_str().expect("a UTF-8 path")).expect("the database opens");
    db.migrate().expect("the database migrates");
    let mut conn = db.conn().expect("a connection");
    let today = chrono::Local::now().date_naive();
    demo::seed(&mut conn, today).expect("the demo portfolio is added");
    let unit_ids: Vec<i64> = units::units(&mut conn)
        .expect("units load")
        .iter()
        .map(|u| u.id)
        .collect();
    for i in 0..settings.extra_projects {
        let word = |k: usize| WORDS[(i * 7 + k * 3) % WORDS.len()];
        let input = ProjectInput {
            code: format!("BEN-2026-{i:04}"),
            name: format!("{} {} i {}", word(0), word(1), word(2)),
            description: format!(
                "Projektet gäller {} och {}. Det följs upp med {} varje månad.",
                word(3),
                word(4),
                word(5)
            ),
            unit_id: unit_ids[i % unit_ids.len()],
            project_lead_id: None,
            commissioner_id: None,
            planned_start: Some(today),
            planned_end: Some(today + chrono::Duration::days(180)),
            budget_sek: Some(100_000 + (i as i64) * 1_000),
        };
        projects::insert(&mut conn, &input, Phase::ALL[i % Phase::ALL.len()])
            .expect("the project is added");
    }

    let all = RegisterFilter::default();
    let search = RegisterFilter {
        // Upper case on purpose: the search folds the case of å, ä and ö.
        query: "FÄRDTJÄNST ansökan".into(),
        ..RegisterFilter::default()
    };
    let rows = projects::register(&mut conn, &all).expect("the register loads");
    let found = projects::register(&mut conn, &search).expect("the search runs");
    let unit_list = units::units(&mut conn).expect("units load");
    let ctx = Ctx {
        lang: Lang::Sv,
        user: None,
        csrf_token: "x".repeat(43),
        here: "/projects".into(),
    };
    let html = styr::views::projects::register(&ctx, &all, &unit_list, &rows).into_string();
    println!(
        "register: {} projects; the search {:?} finds {}; the page is {} kB",
        rows.len(),
        search.query,
        found.len(),
        html.len() / 1024
    );

    let n = settings.iterations;
    report(
        "register query, no filter",
        measure(n, || {
            projects::register(&mut conn, &all).expect("the register loads")
        }),
    );
    report(
        "register query, search",
        measure(n, || {
            projects::register(&mut conn, &search).expect("the search runs")
        }),
    );
    report(
        "render register page",
        measure(n, || {
            styr::views::projects::register(&ctx, &all, &unit_list, &rows).into_string()
        }),
    );
}

/// Runs `work` a few times to warm up, then `iterations` times, timing each run.
fn measure<T>(iterations: usize, mut work: impl FnMut() -> T) -> Vec<Duration> {
    for _ in 0..iterations.min(10) {
        black_box(work());
    }
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let started = Instant::now();
        black_box(work());
        times.push(started.elapsed());
    }
    times.sort();
    times
}

fn report(name: &str, sorted: Vec<Duration>) {
    let at = |fraction: f64| {
        let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
        sorted[index]
    };
    println!(
        "{name:<28} median {:>9.3} ms   p95 {:>9.3} ms   ({} runs)",
        at(0.5).as_secs_f64() * 1000.0,
        at(0.95).as_secs_f64() * 1000.0,
        sorted.len()
    );
}
