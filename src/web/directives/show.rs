//! What `GET /projects/{id}/directive` (the current version and every version) and
//! `GET /projects/{id}/directive/{did}` (one version) read and show, through `web::documents`.

use super::*;

/// The kinds the user may start, because they have no version yet.
pub(super) fn kinds_to_start(
    access: &ProjectAccess,
    versions: &[VersionEntry],
) -> Vec<DirectiveKind> {
    if !access.may(ProjectAction::DraftDirective) || access.is_closed() {
        return Vec::new();
    }
    DirectiveKind::ALL
        .into_iter()
        .rev()
        .filter(|kind| !versions.iter().any(|v| v.row.kind() == *kind))
        .collect()
}

/// The directive page: every version of both kinds, and the current version (the newest project
/// directive, or the newest pre-study directive when there is none).
pub(super) struct Index {
    pub(super) access: ProjectAccess,
    pub(super) versions: Vec<VersionEntry>,
    pub(super) current: Option<VersionData>,
}

pub(super) fn load_index(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: i64,
) -> Result<Index, AppError> {
    let access = ProjectAccess::load(conn, id, user)?;
    let versions = directives::versions(conn, id)?;
    let current = [DirectiveKind::Project, DirectiveKind::PreStudy]
        .into_iter()
        .find_map(|kind| versions.iter().find(|v| v.row.kind() == kind))
        .map(|v| v.row.id);
    let current = current
        .map(|did| load_version(conn, user, id, did))
        .transpose()?;
    Ok(Index {
        access,
        versions,
        current,
    })
}

pub(super) fn index_markup(auth: &Auth, data: &Index, done: &str) -> Markup {
    let may_create = kinds_to_start(&data.access, &data.versions);
    let no_errors = FieldErrors::new();
    let page = data
        .current
        .as_ref()
        .map(|current| version_page(auth, current, notice_key(done), None, None, &no_errors));
    view::index(
        &auth.ctx,
        &data.access.project,
        &data.versions,
        page.as_ref(),
        &may_create,
    )
}

pub(super) fn load_shown(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
) -> Result<VersionData, AppError> {
    load_version(conn, user, version.project_id, version.id)
}

/// One version, read-only, with what the user may do.
pub(super) fn version_markup(auth: &Auth, data: &VersionData, done: &str) -> Markup {
    let no_errors = FieldErrors::new();
    view::show(
        &auth.ctx,
        &version_page(auth, data, notice_key(done), None, None, &no_errors),
    )
}
