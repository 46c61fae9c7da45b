//! What `GET /projects/{id}/directive/compare?from={did}&to={did}` reads and shows, through
//! `web::documents`: two versions of the project's directives, field by field, the changed rows
//! marked. Without a choice, the two newest versions of the current kind.

use super::*;

pub(super) struct Compared {
    pub(super) project: ProjectView,
    pub(super) versions: Vec<VersionEntry>,
    pub(super) pair: Option<(Directive, Directive)>,
}

pub(super) fn load_compared(
    conn: &mut DbConnection,
    user: &CurrentUser,
    (id, chosen): Comparing,
) -> Result<Compared, AppError> {
    let project = ProjectAccess::load(conn, id, user)?.project;
    let versions = directives::versions(conn, id)?;
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
    Ok(Compared {
        project,
        versions,
        pair,
    })
}

pub(super) fn compare_markup(auth: &Auth, data: &Compared) -> Markup {
    let ctx = &auth.ctx;
    let (yes, no) = (ctx.t("common-yes"), ctx.t("common-no"));
    let rows = data.pair.as_ref().map(|(from, to)| {
        document::compare(
            &snapshot(&from.content(), &yes, &no),
            &snapshot(&to.content(), &yes, &no),
        )
    });
    view::compare(
        ctx,
        &ComparePage {
            project: &data.project,
            versions: &data.versions,
            from: data.pair.as_ref().map(|(from, _)| &from.row),
            to: data.pair.as_ref().map(|(_, to)| &to.row),
            rows: rows.as_deref(),
        },
    )
}
