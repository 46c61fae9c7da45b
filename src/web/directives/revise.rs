//! Revising a directive (`POST /projects/{id}/directive/{did}/revise`, through `web::documents`):
//! a new version from the newest approved one.

use super::*;

/// `POST /projects/{id}/directive/{did}/revise`: version N+1 of an approved version's kind, as a
/// draft with the content and goals of the newest approved version. One version of a kind is
/// open at a time.
pub(super) fn revise(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
) -> Result<Changed, AppError> {
    let id = version.project_id;
    let data = match load_for_step(conn, user, version, Step::Revise)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    let kind = data.directive.row.kind();
    if directives::has_open_version(conn, id, kind)? {
        let key = document::StepRefusal::NewerVersionOpen.key();
        return Ok(Outcome::Conflict(data, Some(key)));
    }
    let Some(source) = directives::newest_approved(conn, id, kind)? else {
        let key = document::StepRefusal::NotApproved.key();
        return Ok(Outcome::Conflict(data, Some(key)));
    };
    let version = data
        .versions
        .iter()
        .filter(|v| v.row.kind() == kind)
        .map(|v| v.row.version)
        .max()
        .unwrap_or(0)
        + 1;
    let new_id = directives::create(conn, id, kind, version, &source.content(), user.id)?;
    Ok(Outcome::Saved(format!(
        "{}?done=revised",
        path_of(id, new_id)
    )))
}
