//! `GET /projects/{id}/directive/{did}/edit`, a draft's form, and saving it (`POST`, through
//! `web::documents`).

use super::*;

/// `GET /projects/{id}/directive/{did}/edit`: the form of a draft or returned version.
pub(super) async fn edit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, did) = (path_id(&path.0)?, path_id(&path.1)?);
    let user = auth.user.clone();
    let data = state
        .db
        .run(move |conn| load_version(conn, &user, id, did))
        .await?;
    require_step(&data, Step::Edit)?;
    if let Err(key) = next_status(&data, Step::Edit) {
        return Ok(conflict(render_version(
            &auth,
            &data,
            Some(key),
            None,
            &FieldErrors::new(),
        )));
    }
    let form = data
        .directive
        .content()
        .to_form(data.directive.row.lock_version);
    Ok(html(view::form(
        &auth.ctx,
        &edit_page(&data, &form, &FieldErrors::new(), None, false),
    )))
}

/// Saves a draft (`POST /projects/{id}/directive/{did}/edit`) under its lock version. A returned
/// version becomes a draft again.
pub(super) fn save(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
    pairs: &[(String, String)],
) -> Result<Changed, AppError> {
    let (id, did) = (version.project_id, version.id);
    let form = DirectiveForm::from_pairs(pairs);
    let lock_version = i64::from(parse_lock_version(&form.lock_version));
    let data = match load_for_step(conn, user, version, Step::Edit)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    // A returned version becomes a draft again.
    let to = Status::Draft;
    let content = match parse_draft(&form) {
        Ok(content) => content,
        Err(errors) => return Ok(Outcome::Invalid(data, errors)),
    };
    match directives::update_draft(conn, did, lock_version, to, &content, user.id)? {
        Saved::Yes => {
            let action = audit::Action::Update;
            let before = Some(&data.directive);
            documents::record::<Directives>(conn, version, user.id, action, before)?;
            Ok(Outcome::Saved(format!("{}?done=saved", path_of(id, did))))
        }
        Saved::Conflict => Ok(Outcome::Conflict(data, None)),
    }
}

/// The form again after a save that was not made: with the errors, the reason, or what was saved
/// meanwhile beside what the user typed.
pub(super) fn not_saved(
    auth: &Auth,
    outcome: Changed,
    pairs: &[(String, String)],
) -> Result<HttpResponse, AppError> {
    let submitted = DirectiveForm::from_pairs(pairs);
    Ok(match outcome {
        Outcome::Saved(path) => see_other(&path),
        Outcome::Invalid(data, errors) => invalid(view::form(
            &auth.ctx,
            &edit_page(&data, &submitted, &errors, None, false),
        )),
        Outcome::Refused(data, key) => invalid(view::form(
            &auth.ctx,
            &FormPage {
                refusal: Some(key),
                ..edit_page(&data, &submitted, &FieldErrors::new(), None, false)
            },
        )),
        Outcome::Conflict(data, Some(key)) => conflict(render_version(
            auth,
            &data,
            Some(key),
            None,
            &FieldErrors::new(),
        )),
        Outcome::Conflict(data, None) => {
            // The user's text parsed when it was posted, so it parses again.
            let typed = parse_draft(&submitted)
                .map_err(|_| AppError::internal("a conflicting draft parses"))?;
            // Keep the user's text, but base a new save on the version now stored; beside each
            // field that differs, show what was saved meanwhile.
            let stored = data.directive.row.lock_version;
            let form = DirectiveForm {
                lock_version: stored.to_string(),
                ..submitted
            };
            let both = Conflict {
                saved: data.directive.content().to_form(stored),
                typed: typed.to_form(stored),
            };
            conflict(view::form(
                &auth.ctx,
                &edit_page(&data, &form, &FieldErrors::new(), Some(&both), false),
            ))
        }
    })
}
