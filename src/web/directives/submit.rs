//! Submitting a directive version (`POST /projects/{id}/directive/{did}/submit`, through
//! `web::documents`): a complete draft to the body that decides it.

use super::*;

/// `POST /projects/{id}/directive/{did}/submit`: sends a complete draft to the body that decides
/// it: the management group when it is strategic or above the threshold, else the development
/// manager.
pub(super) fn submit(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
) -> Result<Changed, AppError> {
    let (id, did) = (version.project_id, version.id);
    let data = match load_for_step(conn, user, version, Step::Submit)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    let content = data.directive.content();
    if let Err(errors) = check_submittable(&content) {
        return Ok(Outcome::Invalid(data, errors));
    }
    // Four eyes: when a development manager drafted or submits it, the management group
    // decides instead.
    let authors = Authors {
        submitted_by: Some(user.id),
        ..data.directive.row.authors()
    };
    let submission = Submission {
        body: directives::deciding_body(conn, &content, &authors)?,
        by: user.id,
        on: today(),
    };
    let from = data.directive.row.status();
    if !documents::submit::<Directives>(conn, version, from, &submission)? {
        return Err(AppError::internal(
            "the version changed while it was submitted",
        ));
    }
    Ok(Outcome::Saved(format!(
        "{}?done=submitted",
        path_of(id, did)
    )))
}
