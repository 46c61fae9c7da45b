//! The project register: list, search and filter, show, create, edit.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::projects::{self, ProjectView, RegisterFilter, Saved};
use crate::db::{DbConnection, steering, units, users};
use crate::domain::phase::Phase;
use crate::domain::policy::{self, Action, ProjectEditScope, RegisterScope};
use crate::domain::project::{
    Choices, ProjectForm, parse_description, parse_lock_version, parse_project, suggest_code,
};
use crate::domain::steering::{LEAD_IS_CHAIR, SteeringRole, lead_chairs};
use crate::domain::validation::{FieldErrors, optional_id};
use crate::error::{AppError, see_other};
use crate::views::projects::{self as view, FormPurpose};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, Outcome, conflict, invalid};
use crate::web::project_access::ProjectAccess;
use crate::web::{AppState, path_id};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects", web::get().to(list))
        .route("/projects", web::post().to(create))
        .route("/projects/new", web::get().to(new))
        .route("/projects/{id}/edit", web::get().to(edit))
        .route("/projects/{id}/edit", web::post().to(update));
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct RegisterQuery {
    q: String,
    unit: String,
    phase: String,
}

async fn list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<RegisterQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    // A filter value no form offers is ignored rather than refused: it is a bookmark gone stale.
    let filter = RegisterFilter {
        query: query.q.trim().to_owned(),
        unit_id: optional_id(&query.unit).ok().flatten(),
        phase: Phase::parse(&query.phase).ok(),
    };
    let (units, rows, filter) = state
        .db
        .run(move |conn| {
            Ok((
                units::units(conn)?,
                projects::register(conn, &filter)?,
                filter,
            ))
        })
        .await?;
    Ok(view::register(&auth.ctx, &filter, &units, &rows))
}

/// The project, and what of its register entry the user may edit: 404 for an unknown project, 403
/// for a user who may edit nothing of it.
async fn load_editable(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<(ProjectView, ProjectEditScope), AppError> {
    let user = user.clone();
    let access = state
        .db
        .run(move |conn| ProjectAccess::load(conn, id, &user))
        .await?;
    let scope = policy::project_edit_scope(&access.relation).ok_or(AppError::Forbidden)?;
    Ok((access.project, scope))
}

/// What the form's drop-downs offer.
struct FormData {
    units: Vec<units::Unit>,
    people: Vec<users::Person>,
}

impl FormData {
    fn load(conn: &mut DbConnection) -> Result<FormData, AppError> {
        Ok(FormData {
            units: units::units(conn)?,
            people: users::people(conn)?,
        })
    }

    /// The choices for editing `project`: its present lead and commissioner stay choosable even
    /// if their accounts were deactivated since, so that saving the form does not drop them.
    fn for_project(conn: &mut DbConnection, project: &ProjectView) -> Result<FormData, AppError> {
        let mut data = FormData::load(conn)?;
        let present = [
            project.project.project_lead_id,
            project.project.commissioner_id,
        ];
        for id in present.into_iter().flatten() {
            if !data.people.iter().any(|p| p.id == id) {
                if let Some(user) = users::find(conn, id)? {
                    data.people.push(users::Person {
                        id,
                        display_name: user.display_name,
                    });
                }
            }
        }
        Ok(data)
    }

    fn choices(&self) -> Choices {
        Choices {
            unit_ids: self.units.iter().map(|u| u.id).collect(),
            user_ids: self.people.iter().map(|p| p.id).collect(),
        }
    }
}

/// What the user may register: 403 for a reader.
fn register_scope(user: &CurrentUser) -> Result<RegisterScope, AppError> {
    user.require(Action::CreateProject)?;
    policy::register_scope(user.role).ok_or(AppError::Forbidden)
}

async fn new(auth: Auth, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let scope = register_scope(&auth.user)?;
    let (data, codes) = state
        .db
        .run(|conn| Ok((FormData::load(conn)?, projects::codes(conn)?)))
        .await?;
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let form = ProjectForm {
        code: suggest_code(year, codes.iter().map(String::as_str)),
        ..ProjectForm::default()
    };
    Ok(render_form(
        &auth,
        &FormPurpose::Create { scope },
        &form,
        &FieldErrors::new(),
        &data,
        false,
    ))
}

fn render_form(
    auth: &Auth,
    purpose: &FormPurpose,
    form: &ProjectForm,
    errors: &FieldErrors,
    data: &FormData,
    conflict: bool,
) -> Markup {
    view::form(
        &auth.ctx,
        purpose,
        form,
        errors,
        &data.units,
        &data.people,
        conflict,
    )
}

async fn create(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(mut form): CsrfForm<ProjectForm>,
) -> Result<HttpResponse, AppError> {
    let scope = register_scope(&auth.user)?;
    if scope == RegisterScope::Idea {
        // The form offers no lead or commissioner to those who register ideas only; a posted one
        // is not theirs to appoint.
        form.project_lead_id.clear();
        form.commissioner_id.clear();
    }
    let submitted = form.clone();
    let user_id = auth.user.id;
    let outcome = state
        .db
        .write(move |conn| {
            let data = FormData::load(conn)?;
            let input = match parse_project(&form, &data.choices()) {
                Ok(input) => input,
                Err(errors) => return Ok(Outcome::Invalid(data, errors)),
            };
            if projects::code_taken(conn, &input.code, None)? {
                return Ok(Outcome::Invalid(data, code_taken()));
            }
            let id = projects::create(conn, &input, crate::db::now(), user_id)?;
            Ok(Outcome::Saved(id))
        })
        .await?;
    Ok(match outcome {
        Outcome::Saved(id) => see_other(&format!("/projects/{id}?saved=1")),
        Outcome::Invalid(data, errors) => invalid(render_form(
            &auth,
            &FormPurpose::Create { scope },
            &submitted,
            &errors,
            &data,
            false,
        )),
        Outcome::Refused(..) | Outcome::Conflict(..) => {
            return Err(AppError::internal("a new project cannot conflict"));
        }
    })
}

fn code_taken() -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.add("code", "error-project-code-taken");
    errors
}

async fn edit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<Markup, AppError> {
    let (project, scope) = load_editable(&state, &auth.user, path_id(&path)?).await?;
    let for_project = project.clone();
    let data = state
        .db
        .run(move |conn| FormData::for_project(conn, &for_project))
        .await?;
    let p = &project.project;
    let form = ProjectForm {
        code: p.code.clone(),
        name: p.name.clone(),
        description: p.description.clone(),
        unit_id: p.unit_id.to_string(),
        project_lead_id: p
            .project_lead_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        commissioner_id: p
            .commissioner_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        planned_start: p.planned_start.map(|d| d.to_string()).unwrap_or_default(),
        planned_end: p.planned_end.map(|d| d.to_string()).unwrap_or_default(),
        budget_sek: p.budget_sek.map(|b| b.to_string()).unwrap_or_default(),
        lock_version: p.lock_version.to_string(),
    };
    let purpose = FormPurpose::Edit {
        project: &project,
        scope,
    };
    Ok(render_form(
        &auth,
        &purpose,
        &form,
        &FieldErrors::new(),
        &data,
        false,
    ))
}

async fn update(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ProjectForm>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let (project, scope) = load_editable(&state, &auth.user, id).await?;
    let submitted = form.clone();
    let lock_version = i64::from(parse_lock_version(&form.lock_version));
    let user_id = auth.user.id;
    let for_project = project.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = FormData::for_project(conn, &for_project)?;
            let before = projects::row(conn, id)?;
            let saved = match scope {
                ProjectEditScope::All => {
                    let input = match parse_project(&form, &data.choices()) {
                        Ok(input) => input,
                        Err(errors) => return Ok(Outcome::Invalid(data, errors)),
                    };
                    if projects::code_taken(conn, &input.code, Some(id))? {
                        return Ok(Outcome::Invalid(data, code_taken()));
                    }
                    let chair = steering::members(conn, id)?
                        .into_iter()
                        .find(|m| m.role() == SteeringRole::Chair)
                        .map(|m| m.user_id);
                    if lead_chairs(input.project_lead_id, chair) {
                        let mut errors = FieldErrors::new();
                        errors.add("project_lead_id", LEAD_IS_CHAIR);
                        return Ok(Outcome::Invalid(data, errors));
                    }
                    projects::update(conn, id, lock_version, &input)?
                }
                ProjectEditScope::DescriptionOnly => {
                    let description = match parse_description(&form.description) {
                        Ok(description) => description,
                        Err(key) => {
                            let mut errors = FieldErrors::new();
                            errors.add("description", key);
                            return Ok(Outcome::Invalid(data, errors));
                        }
                    };
                    projects::update_description(conn, id, lock_version, &description)?
                }
            };
            Ok(match saved {
                Saved::Yes => {
                    audit_project(conn, user_id, id, before.as_ref())?;
                    Outcome::Saved(id)
                }
                Saved::Conflict => Outcome::Conflict(data, None),
            })
        })
        .await?;
    let purpose = FormPurpose::Edit {
        project: &project,
        scope,
    };
    Ok(match outcome {
        Outcome::Saved(id) => see_other(&format!("/projects/{id}?saved=1")),
        Outcome::Invalid(data, errors) => invalid(render_form(
            &auth, &purpose, &submitted, &errors, &data, false,
        )),
        Outcome::Refused(..) => return Err(AppError::internal("an edit has no refusal")),
        Outcome::Conflict(data, _) => {
            // Keep the user's text, but base a new save on the version now stored.
            let form = ProjectForm {
                lock_version: project.project.lock_version.to_string(),
                ..submitted
            };
            conflict(render_form(
                &auth,
                &purpose,
                &form,
                &FieldErrors::new(),
                &data,
                true,
            ))
        }
    })
}

/// Writes the register entry's change to the audit trail: created when there is no `before`.
fn audit_project(
    conn: &mut DbConnection,
    user_id: i64,
    id: i64,
    before: Option<&projects::ProjectRow>,
) -> Result<(), AppError> {
    Ok(projects::record(conn, user_id, id, before)?)
}
