//! What `GET /projects/{id}/directive/compare?from={did}&to={did}` reads and shows, through
//! `web::documents`: two versions of the project's directives, field by field, the changed rows
//! marked. Without a choice, the two newest versions of the current kind.

use super::*;

pub(super) type Compared = workflow::Compared<VersionEntry, Directive>;

/// Versions of both kinds are listed; without a choice, the two newest of the current kind (the
/// newest version's) are compared, and with no version at all only the picker is shown.
const SOURCE: workflow::CompareSource<VersionEntry, Directive> = workflow::CompareSource {
    versions: directives::versions,
    candidates: |versions| {
        let current = versions.first().map(|v| v.row.kind());
        versions
            .iter()
            .filter(|v| Some(v.row.kind()) == current)
            .map(|v| v.row.id)
            .collect()
    },
    find: |conn, id, version| directives::find(conn, id, version)?.ok_or(AppError::NotFound),
};

pub(super) fn load_compared(
    conn: &mut DbConnection,
    user: &CurrentUser,
    comparing: Comparing,
) -> Result<Compared, AppError> {
    workflow::load_compared(conn, user, comparing, &SOURCE)
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
