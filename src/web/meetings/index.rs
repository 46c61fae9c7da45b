//! `GET /meetings` (the list, newest first; the meetings not yet locked only for those who may
//! see them) and `POST /meetings` (plan a meeting: the management group's members and the
//! administrator; a steering group's chair or the development manager for a steering group).

use actix_web::{HttpResponse, web};
use maud::Markup;

use super::someone;
use crate::db::meetings::{self, Listed, NewMeeting, Someone};
use crate::db::{DbConnection, decisions, governance};
use crate::domain::decision::Body;
use crate::domain::meeting::{MeetingForm, MeetingState, may_minute, may_see, parse_meeting};
use crate::domain::role::Role;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::meetings::index::{self as view, PlanForm};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, Outcome, invalid};
use crate::web::{AppState, today};

/// What the list page needs.
struct ListData {
    listed: Vec<Listed>,
    people: Vec<Someone>,
    /// The members of the body the form plans for: the management group's, or the steering
    /// group's of `steering`.
    members: Vec<i64>,
    may_plan: bool,
    /// The project (id, code) whose steering group the form plans a meeting of (`?project=`).
    steering: Option<(i64, String)>,
}

fn may_plan(user: &CurrentUser) -> bool {
    may_minute(user.role, Body::ManagementGroup, false)
}

/// `?project=`: plan a meeting of that project's steering group instead.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct PlanQuery {
    project: String,
}

/// The list, and the planning form for the management group or, with `project`, for that
/// project's steering group when the user chairs it or is the development manager.
fn list_data(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project: Option<i64>,
) -> Result<ListData, AppError> {
    let steering = match project {
        Some(id) => crate::db::projects::row(conn, id)?.map(|row| (id, row.code)),
        None => None,
    };
    let (body, may_plan) = match &steering {
        Some((id, _)) => {
            let chairs = governance::chair(conn, *id)? == Some(user.id);
            (
                Body::SteeringGroup,
                may_minute(user.role, Body::SteeringGroup, chairs),
            )
        }
        None => (Body::ManagementGroup, may_plan(user)),
    };
    let sees_open = may_see(
        user.role,
        MeetingState::Held,
        may_plan || self::may_plan(user),
    );
    Ok(ListData {
        listed: meetings::list(conn, !sees_open)?,
        people: meetings::people(conn)?,
        members: decisions::members_of(conn, body, steering.as_ref().map(|(id, _)| *id))?
            .into_iter()
            .map(|p| p.id)
            .collect(),
        may_plan,
        steering,
    })
}

fn render(auth: &Auth, data: &ListData, form: &MeetingForm, errors: &FieldErrors) -> Markup {
    let plan = data.may_plan.then(|| PlanForm {
        form,
        errors,
        members: crate::views::meetings::options(
            data.people.iter().filter(|p| data.members.contains(&p.id)),
        ),
        secretaries: crate::views::meetings::options(
            data.people
                .iter()
                .filter(|p| p.role != Role::Reader.as_str()),
        ),
        steering: data.steering.clone(),
    });
    view::page(&auth.ctx, &data.listed, plan)
}

pub(super) async fn list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<PlanQuery>,
) -> Result<Markup, AppError> {
    let user = auth.user.clone();
    let project = query.project.trim().parse::<i64>().ok();
    let data = state
        .db
        .run(move |conn| list_data(conn, &user, project))
        .await?;
    let body = match data.steering {
        Some(_) => Body::SteeringGroup,
        None => Body::ManagementGroup,
    };
    let form = MeetingForm {
        body: body.as_str().to_owned(),
        project: data
            .steering
            .as_ref()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default(),
        held_on: today().to_string(),
        starts_at: "09:00".to_owned(),
        ..MeetingForm::default()
    };
    Ok(render(&auth, &data, &form, &FieldErrors::new()))
}

pub(super) async fn plan(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let steering = form.body.trim() == Body::SteeringGroup.as_str();
    if !steering && !may_plan(&auth.user) {
        return Err(AppError::Forbidden);
    }
    let user = auth.user.clone();
    let posted = form.clone();
    let outcome = state
        .db
        .write(move |conn| plan_in(conn, &form, &user))
        .await?;
    match outcome {
        Outcome::Saved(id) => Ok(see_other(&format!("/meetings/{id}?saved=planned"))),
        Outcome::Invalid(data, errors) => Ok(invalid(render(&auth, &data, &posted, &errors))),
        Outcome::Refused(..) | Outcome::Conflict(..) => Err(AppError::internal(
            "planning a meeting is refused as bad input",
        )),
    }
}

fn plan_in(
    conn: &mut DbConnection,
    form: &MeetingForm,
    user: &CurrentUser,
) -> Result<Outcome<i64, ListData>, AppError> {
    let planned = match parse_meeting(form) {
        Ok(planned) => planned,
        Err(errors) => {
            let project = form.project.trim().parse().ok();
            return Ok(Outcome::Invalid(list_data(conn, user, project)?, errors));
        }
    };
    let chairs = match planned.project_id {
        Some(project) => governance::chair(conn, project)? == Some(user.id),
        None => false,
    };
    if !may_minute(user.role, planned.body, chairs) {
        return Err(AppError::Forbidden);
    }
    let people = meetings::people(conn)?;
    let mut errors = FieldErrors::new();
    let mut resolve = |field: &'static str, username: &str| match someone(&people, username) {
        Some(person) => Some(person.id),
        None => {
            errors.add(field, "error-unknown-user");
            None
        }
    };
    let chair = resolve("chair", &planned.chair);
    let secretary = resolve("secretary", &planned.secretary);
    let adjuster = resolve("adjuster", &planned.adjuster);
    let (Some(chair_id), Some(secretary_id), Some(adjuster_id)) = (chair, secretary, adjuster)
    else {
        return Ok(Outcome::Invalid(
            list_data(conn, user, planned.project_id)?,
            errors,
        ));
    };
    let new = NewMeeting {
        body: planned.body,
        project_id: planned.project_id,
        held_on: planned.held_on,
        starts_at: &planned.starts_at,
        place: &planned.place,
        chair_id,
        secretary_id,
        adjuster_id,
        created_by: user.id,
    };
    match meetings::plan(conn, &new) {
        Ok(id) => Ok(Outcome::Saved(id)),
        Err(meetings::MeetingError::Invalid { field, key }) => {
            errors.add(field, key);
            Ok(Outcome::Invalid(
                list_data(conn, user, planned.project_id)?,
                errors,
            ))
        }
        Err(other) => Err(super::db_error(other)),
    }
}
