//! `GET /projects/{id}/reports/{report}`: one version; a draft's form for those who may write it.

use super::*;
use crate::web::AppState;
use crate::web::documents::DoneQuery;

pub(super) async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    auth.user
        .require(crate::domain::policy::Action::ViewProjects)?;
    let (project_id, report_id) = ids(&path)?;
    let user = auth.user.clone();
    let data = state
        .db
        .run(move |conn| {
            let access = ProjectAccess::load(conn, project_id, &user)?;
            let report = find_visible(conn, &access, report_id)?;
            load_data(conn, access, report)
        })
        .await?;
    Ok(page(view::report_page(
        &auth.ctx,
        &data,
        &Posted::Nothing,
        notice(&query.done),
        &FieldErrors::new(),
    )))
}

fn notice(done: &str) -> Option<Message> {
    let key = match done {
        "saved" => "report-notice-saved",
        "submitted" => "report-notice-submitted",
        "reviewed" => "report-notice-reviewed",
        "revised" => "report-notice-revised",
        "escalated" => "report-notice-escalated",
        "answered" => "report-notice-answered",
        _ => return None,
    };
    Some(Message::Notice(key))
}
