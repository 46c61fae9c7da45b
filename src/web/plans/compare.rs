//! What `GET /projects/{id}/plan/compare?from={pid}&to={pid}` reads and shows, through
//! `web::documents`: two versions field by field; without a choice, the two newest (a single
//! version with itself).

use super::*;

pub(super) struct Compared {
    pub(super) project: ProjectView,
    pub(super) versions: Vec<PlanVersion>,
    pub(super) from: PlanDoc,
    pub(super) to: PlanDoc,
}

pub(super) fn load_compared(
    conn: &mut DbConnection,
    user: &CurrentUser,
    (id, chosen): Comparing,
) -> Result<Compared, AppError> {
    let project = ProjectAccess::load(conn, id, user)?.project;
    let versions = plans::versions(conn, id)?;
    let newest_first: Vec<i64> = versions.iter().map(|v| v.plan.id).collect();
    let (from, to) = compared_pair(chosen, &newest_first).ok_or(AppError::NotFound)?;
    Ok(Compared {
        from: find_plan(conn, id, from)?,
        to: find_plan(conn, id, to)?,
        project,
        versions,
    })
}

pub(super) fn compare_markup(auth: &Auth, data: &Compared) -> Markup {
    let snapshot = |doc: &PlanDoc| domain::snapshot(&doc.content, &doc.directive.goal_texts());
    let rows = document::compare(&snapshot(&data.from), &snapshot(&data.to));
    view::compare(
        &auth.ctx,
        &ComparePage {
            project: &data.project,
            from: &data.from.plan,
            to: &data.to.plan,
            versions: &data.versions,
            rows: &rows,
        },
    )
}
