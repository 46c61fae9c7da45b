//! The development manager's portfolio: `GET /portfolio` (and `.csv`), the heatmap, budget against
//! forecast, and `GET /reports.csv`. Everyone who reads projects sees them.
//! Every page loads all projects' facts with a fixed number of statements
//! (`db::portfolio::facts`), then assembles, filters and sorts in Rust.

mod charts;
mod exports;
mod list;
pub mod start;

use actix_web::{HttpResponse, web};

use crate::domain::phase::Phase;
use crate::domain::portfolio::status::{Filter, LightFilter, ProjectStatus, Sort};
use crate::domain::validation::optional_id;
use crate::error::AppError;
use crate::views::csv::Excel;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/portfolio", web::get().to(list::page))
        .route("/portfolio.csv", web::get().to(list::csv))
        .route("/portfolio/heatmap", web::get().to(charts::heatmap))
        .route("/portfolio/budget", web::get().to(charts::budget))
        .route("/reports.csv", web::get().to(exports::reports));
}

pub use crate::db::statuses::{HEATMAP_PERIODS, Reach};

/// The portfolio's query: its filters, its order, and for a file whose Excel.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct PortfolioQuery {
    q: String,
    unit: String,
    board: String,
    phase: String,
    light: String,
    lead: String,
    sort: String,
    excel: String,
}

impl PortfolioQuery {
    /// The filter asked for. A value no form offers is ignored rather than refused: it is a
    /// bookmark gone stale.
    pub fn filter(&self) -> Filter {
        let id = |raw: &str| optional_id(raw).ok().flatten();
        Filter {
            query: self.q.trim().to_owned(),
            unit_id: id(&self.unit),
            board_id: id(&self.board),
            phase: Phase::parse(&self.phase).ok(),
            light: LightFilter::parse(&self.light),
            lead_id: id(&self.lead),
        }
    }

    pub fn sort(&self) -> Sort {
        Sort::parse(&self.sort)
    }

    pub fn excel(&self) -> Excel {
        Excel::parse(&self.excel)
    }
}

/// The statuses that pass `filter`, in `sort`'s order.
pub fn shown<'a>(all: &'a [ProjectStatus], filter: &Filter, sort: Sort) -> Vec<&'a ProjectStatus> {
    let mut rows: Vec<&ProjectStatus> = all.iter().filter(|s| filter.matches(s)).collect();
    crate::domain::portfolio::status::sort(&mut rows, sort);
    rows
}

/// A CSV file to download.
pub fn csv_file(name: &str, bytes: Result<Vec<u8>, csv::Error>) -> Result<HttpResponse, AppError> {
    let bytes = bytes.map_err(|e| AppError::internal(format!("a CSV row is malformed: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes))
}
