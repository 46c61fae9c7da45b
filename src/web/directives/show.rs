//! `GET /projects/{id}/directive` (the current version and every version) and
//! `GET /projects/{id}/directive/{did}` (one version).

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

/// `GET /projects/{id}/directive`: the current version (the newest project directive, or the
/// newest pre-study directive when there is none) and every version of both kinds.
pub(super) async fn index(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let (access, versions, current) = state
        .db
        .run(move |conn| {
            let access = ProjectAccess::load(conn, id, &user)?;
            let versions = directives::versions(conn, id)?;
            let current = [DirectiveKind::Project, DirectiveKind::PreStudy]
                .into_iter()
                .find_map(|kind| versions.iter().find(|v| v.row.kind() == kind))
                .map(|v| v.row.id);
            let current = current
                .map(|did| load_version(conn, &user, id, did))
                .transpose()?;
            Ok((access, versions, current))
        })
        .await?;
    let may_create = kinds_to_start(&access, &versions);
    let no_errors = FieldErrors::new();
    let page = current
        .as_ref()
        .map(|data| version_page(&auth, data, notice_key(&query.done), None, None, &no_errors));
    Ok(view::index(
        &auth.ctx,
        &access.project,
        &versions,
        page.as_ref(),
        &may_create,
    ))
}

/// `GET /projects/{id}/directive/{did}`: one version, read-only, with what the user may do.
pub(super) async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<DoneQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let (id, did) = (path_id(&path.0)?, path_id(&path.1)?);
    let user = auth.user.clone();
    let data = state
        .db
        .run(move |conn| load_version(conn, &user, id, did))
        .await?;
    let no_errors = FieldErrors::new();
    Ok(view::show(
        &auth.ctx,
        &version_page(
            &auth,
            &data,
            notice_key(&query.done),
            None,
            None,
            &no_errors,
        ),
    ))
}
