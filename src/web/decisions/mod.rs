//! The decision log: every decision of every body, searchable and filterable (`list.rs`, also as
//! CSV), one decision's permanent page (`show.rs`), the delegated decisions reported to the board
//! (`delegated.rs`), and recording a decision under delegation (`create.rs`). No route changes or
//! deletes a decision.

mod create;
mod delegated;
mod list;
mod show;

use actix_web::web;

use crate::domain::decision_log::sees_confidential_text;
use crate::views::decisions::Viewer;
use crate::web::context::CurrentUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/decisions", web::get().to(list::list))
        .route("/decisions", web::post().to(create::create))
        .route("/decisions.csv", web::get().to(list::csv))
        .route("/decisions/new", web::get().to(create::new))
        .route("/decisions/delegated", web::get().to(delegated::page))
        .route("/decisions/delegated.csv", web::get().to(delegated::csv))
        .route("/decisions/{id}", web::get().to(show::show));
}

/// What `user` may read of confidential decisions, on the server's today.
fn viewer(user: &CurrentUser) -> Viewer {
    Viewer {
        confidential_text: sees_confidential_text(user.role),
        today: crate::web::today(),
    }
}

/// A CSV file to download as `filename`.
fn csv_response(filename: &str, body: Vec<u8>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(body)
}
