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

/// Without a choice, the two newest versions; with no version at all there is no page (404).
const SOURCE: CompareSource<PlanVersion, PlanDoc> = CompareSource {
    versions: plans::versions,
    candidates: |versions| versions.iter().map(|v| v.plan.id).collect(),
    find: find_plan,
};

pub(super) fn load_compared(
    conn: &mut DbConnection,
    user: &CurrentUser,
    comparing: Comparing,
) -> Result<Compared, AppError> {
    let compared = workflow::load_compared(conn, user, comparing, &SOURCE)?;
    let (from, to) = compared.pair.ok_or(AppError::NotFound)?;
    Ok(Compared {
        project: compared.project,
        versions: compared.versions,
        from,
        to,
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
