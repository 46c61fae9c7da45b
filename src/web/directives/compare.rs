//! `GET /projects/{id}/directive/compare`: two versions field by field.

use super::*;

/// `GET /projects/{id}/directive/compare?from={did}&to={did}`: two versions of the project's
/// directives, field by field, the changed rows marked. Without a choice, the two newest versions
/// of the current kind.
pub(super) async fn compare(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&path)?;
    let chosen = query.chosen()?;
    let user = auth.user.clone();
    let (project, versions, pair) = state
        .db
        .run(move |conn| {
            let project = ProjectAccess::load(conn, id, &user)?.project;
            let versions = directives::versions(conn, id)?;
            // Without a choice, the two newest versions of the current kind.
            let current = versions.first().map(|v| v.row.kind());
            let newest_first: Vec<i64> = versions
                .iter()
                .filter(|v| Some(v.row.kind()) == current)
                .map(|v| v.row.id)
                .collect();
            let pair = match workflow::compared_pair(chosen, &newest_first) {
                Some((from, to)) => {
                    let from = directives::find(conn, id, from)?.ok_or(AppError::NotFound)?;
                    let to = directives::find(conn, id, to)?.ok_or(AppError::NotFound)?;
                    Some((from, to))
                }
                None => None,
            };
            Ok((project, versions, pair))
        })
        .await?;
    let ctx = &auth.ctx;
    let (yes, no) = (ctx.t("common-yes"), ctx.t("common-no"));
    let rows = pair.as_ref().map(|(from, to)| {
        document::compare(
            &snapshot(&from.content(), &yes, &no),
            &snapshot(&to.content(), &yes, &no),
        )
    });
    Ok(view::compare(
        ctx,
        &ComparePage {
            project: &project,
            versions: &versions,
            from: pair.as_ref().map(|(from, _)| &from.row),
            to: pair.as_ref().map(|(_, to)| &to.row),
            rows: rows.as_deref(),
        },
    ))
}
