//! `GET /projects/{id}/directive/new` and `POST /projects/{id}/directive`: version 1 of a kind.

use super::*;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct NewQuery {
    pub(super) kind: String,
}

/// The message when a kind already has versions: a new version is made by revising.
pub(super) const KIND_TAKEN: &str = "directive-error-kind-exists";

/// `GET /projects/{id}/directive/new?kind=project|pre_study`: the form for version 1 of a kind.
pub(super) async fn new(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<NewQuery>,
) -> Result<Markup, AppError> {
    let id = path_id(&path)?;
    let kind = DirectiveKind::parse(&query.kind).ok();
    let user = auth.user.clone();
    let (project, taken) = state
        .db
        .run(move |conn| {
            let access = ProjectAccess::load(conn, id, &user)?;
            access.require(ProjectAction::DraftDirective)?;
            let project = access.project;
            let taken = match kind {
                Some(kind) => directives::newest(conn, id, kind)?.is_some(),
                None => false,
            };
            Ok((project, taken))
        })
        .await?;
    let mut errors = FieldErrors::new();
    if taken {
        errors.add("kind", KIND_TAKEN);
    }
    let form = DirectiveForm::default();
    Ok(view::form(
        &auth.ctx,
        &FormPage {
            project: &project,
            purpose: FormPurpose::New { kind },
            form: &form,
            errors: &errors,
            conflict: None,
            submit_refused: false,
            refusal: None,
        },
    ))
}

pub(super) fn value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// `POST /projects/{id}/directive`: version 1 of a kind, as a draft.
pub(super) async fn create(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let form = DirectiveForm::from_pairs(&pairs);
    let raw_kind = value(&pairs, "kind").to_owned();
    let submitted = form.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let access = ProjectAccess::load(conn, id, &user)?;
            access.require(ProjectAction::DraftDirective)?;
            let project = access.project;
            if let Err(key) = check_open(project.project.phase()) {
                let kind = DirectiveKind::parse(&raw_kind).ok();
                return Ok(Outcome::Refused((project, kind), key));
            }
            let mut errors = FieldErrors::new();
            let kind = errors.check("kind", DirectiveKind::parse(&raw_kind));
            if let Some(kind) = kind {
                if directives::newest(conn, id, kind)?.is_some() {
                    errors.add("kind", KIND_TAKEN);
                }
            }
            let content = match parse_draft(&form) {
                Ok(content) => Some(content),
                Err(more) => {
                    for error in more.iter() {
                        errors.add(error.field.clone(), error.key);
                    }
                    None
                }
            };
            let (Some(kind), Some(content), true) = (kind, content, errors.is_empty()) else {
                return Ok(Outcome::Invalid((project, kind), errors));
            };
            let did = directives::create(conn, id, kind, 1, &content, user.id)?;
            Ok(Outcome::Saved(did))
        })
        .await?;
    let ((project, kind), errors, refusal) = match outcome {
        Outcome::Saved(did) => {
            return Ok(see_other(&format!("{}?done=created", path_of(id, did))));
        }
        Outcome::Invalid(page, errors) => (page, errors, None),
        Outcome::Refused(page, key) => (page, FieldErrors::new(), Some(key)),
        Outcome::Conflict(..) => return Err(AppError::internal("a first version cannot conflict")),
    };
    Ok(invalid(view::form(
        &auth.ctx,
        &FormPage {
            project: &project,
            purpose: FormPurpose::New { kind },
            form: &submitted,
            errors: &errors,
            conflict: None,
            submit_refused: false,
            refusal,
        },
    )))
}
