//! Governance of one project: its steering group and phase decisions; and the audit trail.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::projects::ProjectView;
use crate::db::{DbConnection, audit, decisions, governance, projects, steering, users};
use crate::domain::decision::{Body, DecisionKind};
use crate::domain::phase::check_open;
use crate::domain::policy::{Action, ProjectAction};
use crate::domain::steering::{
    GroupNow, MeetingForm, MeetingInput, parse_meeting, parse_new_member,
};
use crate::domain::validation::{FieldErrors, optional_id};
use crate::error::{AppError, see_other};
use crate::views::governance::{self as view, Forms, MemberForm, SteeringPage};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, Empty, Outcome, SavedQuery, invalid};
use crate::web::project_access::{ProjectAccess, ProjectRoute};
use crate::web::{AppState, path_id, today};

/// The steering group's meetings are recorded by whoever decides for it: its chair, or the
/// development manager.
const RECORD_MEETING: ProjectAction = ProjectAction::DecideAs(Body::SteeringGroup);

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
    .route(
        "/projects/{id}/steering-group/meetings",
        web::post().to(record_meeting),
    )
    .route("/audit", web::get().to(audit_trail));
}

fn find_project(conn: &mut DbConnection, id: i64) -> Result<ProjectView, AppError> {
    projects::find(conn, id)?.ok_or(AppError::NotFound)
}

/// Everything the steering group page shows.
struct SteeringData {
    access: ProjectAccess,
    members: Vec<steering::Member>,
    candidates: Vec<users::Person>,
    meetings: Vec<steering::Meeting>,
    decisions: Vec<(decisions::DecisionRow, String)>,
}

fn load_steering(
    conn: &mut DbConnection,
    id: i64,
    user: &CurrentUser,
) -> Result<SteeringData, AppError> {
    Ok(SteeringData {
        access: ProjectAccess::load(conn, id, user)?,
        members: steering::members(conn, id)?,
        candidates: users::people(conn)?,
        meetings: steering::meetings(conn, id)?,
        decisions: decisions::for_project(conn, id)?,
    })
}

/// Which of the page's forms was posted, as typed.
enum Posted<'a> {
    Member(&'a MemberForm),
    Meeting(&'a MeetingForm),
    Nothing,
}

/// The answer to a change of the steering group: back to its page when saved, else the page again
/// (422) with the posted form as typed, its errors, and the reason of a refusal.
fn steering_answer(
    auth: &Auth,
    id: i64,
    outcome: Outcome<(), SteeringData>,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    let (data, errors, refusal) = match outcome {
        Outcome::Saved(()) => {
            return Ok(see_other(&format!("/projects/{id}/steering-group?saved=1")));
        }
        Outcome::Invalid(data, errors) => (data, errors, None),
        Outcome::Refused(data, key) => (data, FieldErrors::new(), Some(key)),
        Outcome::Conflict(..) => {
            return Err(AppError::internal(
                "a steering group change does not conflict",
            ));
        }
    };
    let (empty_member, empty_meeting, none) = (empty_member(), empty_meeting(), FieldErrors::new());
    let (member, member_errors, meeting, meeting_errors) = match posted {
        Posted::Member(member) => (member, &errors, &empty_meeting, &none),
        Posted::Meeting(meeting) => (&empty_member, &none, meeting, &errors),
        Posted::Nothing => (&empty_member, &none, &empty_meeting, &none),
    };
    let forms = Forms {
        member,
        member_errors,
        meeting,
        meeting_errors,
    };
    Ok(invalid(render_steering(
        auth, &data, &forms, false, refusal,
    )))
}

fn empty_member() -> MemberForm {
    MemberForm {
        role: "member".into(),
        ..MemberForm::default()
    }
}

fn empty_meeting() -> MeetingForm {
    MeetingForm {
        held_on: today().to_string(),
        ..MeetingForm::default()
    }
}

fn render_steering(
    auth: &Auth,
    data: &SteeringData,
    forms: &Forms,
    saved: bool,
    refusal: Option<&'static str>,
) -> Markup {
    // A closed record offers no changes; a refused change shows its form as it was posted.
    let offered = refusal.is_some() || !data.access.is_closed();
    let may_manage = offered && data.access.may(ProjectAction::ManageSteeringGroup);
    let page = SteeringPage {
        project: &data.access.project,
        members: &data.members,
        candidates: if may_manage { &data.candidates } else { &[] },
        may_manage,
        may_record: offered && data.access.may(RECORD_MEETING),
        meetings: &data.meetings,
        decisions: &data.decisions,
        saved,
        refusal,
    };
    view::steering_group(&auth.ctx, &page, forms)
}

async fn steering_group(
    route: ProjectRoute,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    let data = route.read(load_steering).await?;
    let none = FieldErrors::new();
    let forms = Forms {
        member: &empty_member(),
        member_errors: &none,
        meeting: &empty_meeting(),
        meeting_errors: &none,
    };
    Ok(render_steering(
        &route.auth,
        &data,
        &forms,
        !query.saved.is_empty(),
        None,
    ))
}

async fn add_member(
    route: ProjectRoute,
    CsrfForm(form): CsrfForm<MemberForm>,
) -> Result<HttpResponse, AppError> {
    let submitted = form.clone();
    let outcome = route
        .write(move |conn, id, user| {
            let data = load_steering(conn, id, user)?;
            data.access.require(ProjectAction::ManageSteeringGroup)?;
            if let Err(key) = check_open(data.access.project.project.phase()) {
                return Ok(Outcome::Refused(data, key));
            }
            let group = GroupNow {
                member_ids: data.members.iter().map(|m| m.user_id).collect(),
                has_chair: data
                    .members
                    .iter()
                    .any(|m| m.role() == crate::domain::steering::SteeringRole::Chair),
                eligible_ids: data.candidates.iter().map(|p| p.id).collect(),
                lead_id: data.access.project.project.project_lead_id,
            };
            match parse_new_member(&form.user_id, &form.role, &group) {
                Ok(member) => {
                    steering::join(conn, id, member.user_id, member.role, user.id)?;
                    Ok(Outcome::Saved(()))
                }
                Err(errors) => Ok(Outcome::Invalid(data, errors)),
            }
        })
        .await?;
    steering_answer(
        &route.auth,
        route.id()?,
        outcome,
        Posted::Member(&submitted),
    )
}

async fn remove_member(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path.0)?;
    let member_id = path_id(&path.1)?;
    let user = auth.user.clone();
    let refused = state
        .db
        .write(move |conn| {
            let access = ProjectAccess::load(conn, id, &user)?;
            access.require(ProjectAction::ManageSteeringGroup)?;
            let member = steering::find(conn, id, member_id)?.ok_or(AppError::NotFound)?;
            if let Err(key) = check_open(access.project.project.phase()) {
                return Ok(Outcome::Refused(load_steering(conn, id, &user)?, key));
            }
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
            Ok(Outcome::Saved(()))
        })
        .await?;
    steering_answer(&auth, id, refused, Posted::Nothing)
}

/// A steering group meeting with its decisions, recorded in one transaction: each decision is
/// numbered in the steering group's series and linked to the meeting.
async fn record_meeting(
    route: ProjectRoute,
    CsrfForm(form): CsrfForm<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let submitted = form.clone();
    let outcome = route
        .write(move |conn, id, user| {
            let data = load_steering(conn, id, user)?;
            data.access.require(RECORD_MEETING)?;
            if let Err(key) = check_open(data.access.project.project.phase()) {
                return Ok(Outcome::Refused(data, key));
            }
            let floor = governance::floor_of(conn, id, None)?;
            let meeting = match parse_meeting(&form, today(), floor) {
                Ok(meeting) => meeting,
                Err(errors) => return Ok(Outcome::Invalid(data, errors)),
            };
            record(conn, id, &meeting, user.id)?;
            Ok(Outcome::Saved(()))
        })
        .await?;
    steering_answer(
        &route.auth,
        route.id()?,
        outcome,
        Posted::Meeting(&submitted),
    )
}

fn record(
    conn: &mut DbConnection,
    project_id: i64,
    meeting: &MeetingInput,
    user_id: i64,
) -> Result<(), AppError> {
    let meeting_id = steering::insert_meeting(conn, project_id, meeting, user_id)?;
    let mut taken = Vec::new();
    for text in &meeting.decisions {
        taken.push(decisions::record(
            conn,
            &decisions::NewDecision {
                body: Body::SteeringGroup,
                project_id: Some(project_id),
                decided_on: meeting.held_on,
                kind: DecisionKind::SteeringDecision,
                text,
                phase_from: None,
                phase_to: None,
                recorded_by: user_id,
                meeting_id: Some(meeting_id),
                extras: Default::default(),
            },
        )?);
    }
    #[derive(serde::Serialize)]
    struct Recorded<'a> {
        meeting: &'a MeetingInput,
        decisions: &'a [decisions::DecisionRow],
    }
    audit::record(
        conn,
        &audit::Change::<(), _> {
            user_id: Some(user_id),
            action: audit::Action::Create,
            entity: "steering_meeting",
            entity_id: meeting_id,
            project_id: Some(project_id),
            before: None,
            after: Some(&Recorded {
                meeting,
                decisions: &taken,
            }),
        },
    )?;
    Ok(())
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
