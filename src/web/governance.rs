//! Governance of one project: its steering group and phase decisions; and the audit trail.

use actix_web::{HttpResponse, web};
use diesel::Connection;
use maud::Markup;

use crate::db::projects::ProjectView;
use crate::db::{DbConnection, audit, projects, steering, users};
use crate::domain::policy::{self, Action};
use crate::domain::steering::{GroupNow, parse_new_member};
use crate::domain::validation::{FieldErrors, optional_id};
use crate::error::{AppError, see_other};
use crate::views::governance::{self as view, MemberForm, SteeringPage};
use crate::web::AppState;
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, invalid};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/projects/{id}/steering-group",
        web::get().to(steering_group),
    )
    .route("/projects/{id}/steering-group", web::post().to(add_member))
    .route(
        "/projects/{id}/steering-group/{member}/remove",
        web::post().to(remove_member),
    )
    .route("/audit", web::get().to(audit_trail));
}

fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn find_project(conn: &mut DbConnection, id: i64) -> Result<ProjectView, AppError> {
    projects::find(conn, id)?.ok_or(AppError::NotFound)
}

fn may_manage(user: &CurrentUser, project: &ProjectView) -> bool {
    let is_commissioner = project.project.commissioner_id == Some(user.id);
    policy::may_manage_steering_group(user.role, is_commissioner)
}

/// Everything the steering group page shows.
struct SteeringData {
    project: ProjectView,
    members: Vec<steering::Member>,
    candidates: Vec<users::Person>,
}

fn load_steering(conn: &mut DbConnection, id: i64) -> Result<SteeringData, AppError> {
    Ok(SteeringData {
        project: find_project(conn, id)?,
        members: steering::members(conn, id)?,
        candidates: users::people(conn)?,
    })
}

fn render_steering(
    auth: &Auth,
    data: &SteeringData,
    form: &MemberForm,
    errors: &FieldErrors,
    saved: bool,
) -> Markup {
    let may_manage = may_manage(&auth.user, &data.project);
    let page = SteeringPage {
        project: &data.project,
        members: &data.members,
        candidates: if may_manage { &data.candidates } else { &[] },
        may_manage,
        saved,
    };
    view::steering_group(&auth.ctx, &page, form, errors)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct SavedQuery {
    saved: String,
}

async fn steering_group(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = parse_id(&path)?;
    let data = state.db.run(move |conn| load_steering(conn, id)).await?;
    let form = MemberForm {
        role: "member".into(),
        ..MemberForm::default()
    };
    Ok(render_steering(
        &auth,
        &data,
        &form,
        &FieldErrors::new(),
        !query.saved.is_empty(),
    ))
}

async fn add_member(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MemberForm>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path)?;
    let user = auth.user.clone();
    let submitted = form.clone();
    let outcome = state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let data = load_steering(conn, id)?;
                if !may_manage(&user, &data.project) {
                    return Err(AppError::Forbidden);
                }
                let group = GroupNow {
                    member_ids: data.members.iter().map(|m| m.user_id).collect(),
                    has_chair: data
                        .members
                        .iter()
                        .any(|m| m.role() == crate::domain::steering::SteeringRole::Chair),
                    eligible_ids: data.candidates.iter().map(|p| p.id).collect(),
                };
                match parse_new_member(&form.user_id, &form.role, &group) {
                    Ok(member) => {
                        let member_id = steering::add(conn, id, member.user_id, member.role)?;
                        let added = steering::find(conn, id, member_id)?;
                        audit::record(
                            conn,
                            &audit::Change::<(), _> {
                                user_id: Some(user.id),
                                action: audit::Action::Add,
                                entity: "steering_member",
                                entity_id: member_id,
                                project_id: Some(id),
                                before: None,
                                after: added.as_ref(),
                            },
                        )?;
                        Ok(Ok(()))
                    }
                    Err(errors) => Ok(Err((errors, data))),
                }
            })
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("/projects/{id}/steering-group?saved=1"))),
        Err((errors, data)) => Ok(invalid(render_steering(
            &auth, &data, &submitted, &errors, false,
        ))),
    }
}

#[derive(serde::Deserialize)]
struct Empty {}

async fn remove_member(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&path.0)?;
    let member_id = parse_id(&path.1)?;
    let user = auth.user.clone();
    state
        .db
        .run(move |conn| {
            conn.transaction(|conn| {
                let project = find_project(conn, id)?;
                if !may_manage(&user, &project) {
                    return Err(AppError::Forbidden);
                }
                let member = steering::find(conn, id, member_id)?.ok_or(AppError::NotFound)?;
                steering::remove(conn, member_id)?;
                audit::record(
                    conn,
                    &audit::Change::<_, ()> {
                        user_id: Some(user.id),
                        action: audit::Action::Remove,
                        entity: "steering_member",
                        entity_id: member_id,
                        project_id: Some(id),
                        before: Some(&member),
                        after: None,
                    },
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(see_other(&format!("/projects/{id}/steering-group?saved=1")))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct AuditQuery {
    project: String,
}

/// The newest entries are enough to read on a page; older ones stay in the database.
const AUDIT_PAGE_SIZE: i64 = 500;

async fn audit_trail(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewAudit)?;
    let project_id = optional_id(&query.project).map_err(|_| AppError::NotFound)?;
    let (project, entries) = state
        .db
        .run(move |conn| {
            let project = project_id.map(|id| find_project(conn, id)).transpose()?;
            Ok((project, audit::entries(conn, project_id, AUDIT_PAGE_SIZE)?))
        })
        .await?;
    Ok(view::audit(&auth.ctx, project.as_ref(), &entries))
}
