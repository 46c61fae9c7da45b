//! `GET /projects/{id}/plan/compare`: two versions field by field.

use super::*;

pub(super) async fn compare(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&path)?;
    // Without a choice, the two newest versions are compared (a single version with itself).
    let chosen = query.chosen()?;
    let user = auth.user.clone();
    let (project, from, to, versions) = state
        .db
        .run(move |conn| {
            let project = ProjectAccess::load(conn, id, &user)?.project;
            let versions = plans::versions(conn, id)?;
            let newest_first: Vec<i64> = versions.iter().map(|v| v.plan.id).collect();
            let (from_id, to_id) =
                compared_pair(chosen, &newest_first).ok_or(AppError::NotFound)?;
            let from = find_plan(conn, id, from_id)?;
            let to = find_plan(conn, id, to_id)?;
            Ok((project, from, to, versions))
        })
        .await?;
    let snapshot = |doc: &PlanDoc| domain::snapshot(&doc.content, &doc.directive.goal_texts());
    let rows = document::compare(&snapshot(&from), &snapshot(&to));
    Ok(view::compare(
        &auth.ctx,
        &ComparePage {
            project: &project,
            from: &from.plan,
            to: &to.plan,
            versions: &versions,
            rows: &rows,
        },
    ))
}
