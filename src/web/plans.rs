//! The project plan: its versions, the draft's form, submission to the steering group, the
//! steering group's decision, revision and the comparison of two versions.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use maud::Markup;

use crate::db::documents::{self, Submission, VersionId};
use crate::db::plans::{self, PlanDoc, PlanRow, PlanVersion, Plans};
use crate::db::projects::{ProjectView, Saved};
use crate::db::{DbConnection, audit, governance};
use crate::domain::decision::{Body, VerdictForm};
use crate::domain::document::{self, Step, check_four_eyes, step_action};
use crate::domain::phase::check_open;
use crate::domain::plan::{self as domain, PlanContent, PlanForm, row_field};
use crate::domain::policy::{Action, ProjectAction};
use crate::domain::project::parse_lock_version;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::plans::{
    self as view, ComparePage, DecisionForm, EditPage, EmptyPage, Message, PlanPage, Rights,
};
use crate::web::context::{Auth, CurrentUser};
use crate::web::documents::{DecisionFields, DoneQuery, compared_pair, parse_decision};
use crate::web::forms::{CompareQuery, CsrfForm, Empty, Outcome, conflict, invalid};
use crate::web::project_access::ProjectAccess;
use crate::web::{AppState, path_id, today};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects/{id}/plan", web::get().to(index))
        .route("/projects/{id}/plan", web::post().to(create))
        .route("/projects/{id}/plan/compare", web::get().to(compare))
        .route("/projects/{id}/plan/{pid}", web::get().to(show))
        .route("/projects/{id}/plan/{pid}/edit", web::get().to(edit))
        .route("/projects/{id}/plan/{pid}/edit", web::post().to(update))
        .route("/projects/{id}/plan/{pid}/submit", web::post().to(submit))
        .route("/projects/{id}/plan/{pid}/approve", web::post().to(approve))
        .route(
            "/projects/{id}/plan/{pid}/return",
            web::post().to(return_plan),
        )
        .route("/projects/{id}/plan/{pid}/revise", web::post().to(revise));
}

fn ids(path: &(String, String)) -> Result<(i64, i64), AppError> {
    Ok((path_id(&path.0)?, path_id(&path.1)?))
}

fn find_plan(conn: &mut DbConnection, project_id: i64, plan_id: i64) -> Result<PlanDoc, AppError> {
    plans::load(conn, project_id, plan_id)?.ok_or(AppError::NotFound)
}

fn rights(access: &ProjectAccess) -> Rights {
    Rights {
        may_draft: access.may(ProjectAction::DraftPlan),
        may_decide: access.may(ProjectAction::DecideAs(Body::SteeringGroup)),
        own_version: false,
        escalated_to: None,
    }
}

/// What a page offers: nothing to change on a project whose record is closed. The steps themselves
/// answer such a project with 422 and the reason, not 403, so `rights` stays as it is for them.
fn shown(rights: Rights, project: &ProjectView) -> Rights {
    if project.project.phase().is_closed() {
        Rights {
            may_draft: false,
            may_decide: false,
            ..rights
        }
    } else {
        rights
    }
}

/// The body that decides a plan version: the steering group, or when its chair wrote the version,
/// the body above (four eyes).
fn deciding_body(conn: &mut DbConnection, plan: &PlanRow) -> Result<Body, AppError> {
    let chair = governance::chair(conn, plan.project_id)?;
    let authors = governance::author_facts(conn, &plan.authors(), chair)?;
    Ok(document::deciding_body(Body::SteeringGroup, authors))
}

/// Whether the user decides for the body that decides the plan version (four eyes aside).
fn decides(
    conn: &mut DbConnection,
    access: &ProjectAccess,
    plan: &PlanRow,
) -> Result<bool, AppError> {
    Ok(access.may(ProjectAction::DecideAs(deciding_body(conn, plan)?)))
}

/// The plan's content as the form shows it.
fn form_of(content: &PlanContent, lock_version: i64) -> PlanForm {
    let mut form = PlanForm::default();
    form.set("lock_version", lock_version.to_string());
    for (goal_id, answer) in &content.goal_answers {
        form.set(
            &row_field("answer", usize::try_from(*goal_id).unwrap_or(0)),
            answer.clone(),
        );
    }
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for (i, m) in content.milestones.iter().enumerate() {
        let row = i + 1;
        form.set(&row_field("milestone_name", row), m.name.clone());
        form.set(
            &row_field("milestone_planned", row),
            m.planned_on.to_string(),
        );
        form.set(&row_field("milestone_actual", row), date(m.actual_on));
    }
    for (i, l) in content.budget.iter().enumerate() {
        let row = i + 1;
        form.set(&row_field("budget_year", row), l.year.to_string());
        form.set(&row_field("budget_category", row), l.category.as_str());
        form.set(&row_field("budget_amount", row), l.amount_sek.to_string());
    }
    for (i, r) in content.risks.iter().enumerate() {
        let row = i + 1;
        form.set(&row_field("risk_description", row), r.description.clone());
        form.set(
            &row_field("risk_probability", row),
            r.probability.to_string(),
        );
        form.set(
            &row_field("risk_consequence", row),
            r.consequence.to_string(),
        );
        form.set(&row_field("risk_mitigation", row), r.mitigation.clone());
        form.set(&row_field("risk_owner", row), r.owner.clone());
    }
    for (i, b) in content.benefits.iter().enumerate() {
        let row = i + 1;
        form.set(&row_field("benefit_indicator", row), b.indicator.clone());
        form.set(&row_field("benefit_baseline", row), b.baseline.clone());
        form.set(&row_field("benefit_target", row), b.target.clone());
        form.set(&row_field("benefit_measured", row), date(b.measured_on));
        form.set(&row_field("benefit_owner", row), b.owner.clone());
    }
    form.set("communication", content.communication.clone());
    form.set("handover_owner", content.handover_owner.clone());
    form.set("maintenance_object", content.maintenance_object.clone());
    form.set("over_frame_reason", content.over_frame_reason.clone());
    form
}

/// Everything a plan version's page shows.
struct ShowData {
    project: ProjectView,
    doc: PlanDoc,
    versions: Vec<PlanVersion>,
    newest_directive: Option<i32>,
    rights: Rights,
}

fn load_show(
    conn: &mut DbConnection,
    user: &CurrentUser,
    access: ProjectAccess,
    doc: PlanDoc,
) -> Result<ShowData, AppError> {
    let id = access.id();
    let rights = shown(
        Rights {
            may_decide: decides(conn, &access, &doc.plan)?,
            own_version: doc.plan.authors().includes(user.id),
            escalated_to: Some(deciding_body(conn, &doc.plan)?)
                .filter(|body| *body != Body::SteeringGroup),
            ..rights(&access)
        },
        &access.project,
    );
    let project = access.project;
    Ok(ShowData {
        rights,
        versions: plans::versions(conn, id)?,
        newest_directive: plans::newest_approved_directive(conn, id)?.map(|d| d.version),
        project,
        doc,
    })
}

fn render_show(
    auth: &Auth,
    data: &ShowData,
    pinned: bool,
    message: Option<Message>,
    decision: &DecisionForm,
    decision_errors: &FieldErrors,
) -> Markup {
    view::show(
        &auth.ctx,
        &PlanPage {
            project: &data.project,
            doc: &data.doc,
            versions: &data.versions,
            newest_directive: data.newest_directive,
            rights: data.rights,
            pinned,
            message,
            decision,
            decision_errors,
        },
    )
}

/// How a change to a plan version ends; the page shown again is the version's.
type Changed<T> = Outcome<T, Box<ShowData>>;

/// The page of a version, answering a step that its status refuses (409: the version moved on),
/// or that a rule of the model refuses (422: a closed record), with the decision as typed.
fn refused(
    auth: &Auth,
    data: &ShowData,
    key: &'static str,
    rule: bool,
    decision: &DecisionForm,
) -> HttpResponse {
    let page = render_show(
        auth,
        data,
        false,
        Some(Message::Refused(key)),
        decision,
        &FieldErrors::new(),
    );
    if rule { invalid(page) } else { conflict(page) }
}

/// The answer to a change that was not saved: refused, conflicting, or with errors in the stored
/// draft (its form, `submit_refused` when a submission found it incomplete) or, when `decision`
/// is the decision as typed, in the decision.
fn not_saved<T>(
    auth: &Auth,
    outcome: Changed<T>,
    decision: Option<&DecisionForm>,
    form: Option<&PlanForm>,
) -> Result<HttpResponse, AppError> {
    let blank = default_decision();
    Ok(match outcome {
        Outcome::Saved(_) => {
            return Err(AppError::internal(
                "a saved change is answered by its handler",
            ));
        }
        Outcome::Refused(data, key) => refused(auth, &data, key, true, decision.unwrap_or(&blank)),
        Outcome::Conflict(data, Some(key)) => refused(auth, &data, key, false, &blank),
        Outcome::Invalid(data, errors) => match decision {
            Some(decision) => invalid(render_show(auth, &data, false, None, decision, &errors)),
            None => {
                let stored = form_of(&data.doc.content, data.doc.plan.lock_version);
                let submit_refused = form.is_none();
                let form = form.unwrap_or(&stored);
                invalid(render_edit(
                    auth,
                    &data,
                    form,
                    &errors,
                    None,
                    submit_refused,
                ))
            }
        },
        Outcome::Conflict(data, None) => {
            // Keep the user's text, but base a new save on the version now stored.
            let mut form = form.cloned().unwrap_or_default();
            form.set("lock_version", data.doc.plan.lock_version.to_string());
            let saved = form_of(&data.doc.content, data.doc.plan.lock_version);
            conflict(render_edit(
                auth,
                &data,
                &form,
                &FieldErrors::new(),
                Some(&saved),
                false,
            ))
        }
    })
}

fn default_decision() -> DecisionForm {
    DecisionForm {
        decided_on: today().to_string(),
        ..DecisionForm::default()
    }
}

fn render_edit(
    auth: &Auth,
    data: &ShowData,
    form: &PlanForm,
    errors: &FieldErrors,
    saved: Option<&PlanForm>,
    submit_refused: bool,
) -> Markup {
    view::edit(
        &auth.ctx,
        &EditPage {
            project: &data.project,
            plan: &data.doc.plan,
            directive: &data.doc.directive,
            form,
            errors,
            saved,
            submit_refused,
        },
    )
}

fn notice(done: &str) -> Option<Message> {
    let key = match done {
        "saved" => "plan-notice-saved",
        "submitted" => "plan-notice-submitted",
        "approved" => "plan-notice-approved",
        "returned" => "plan-notice-returned",
        _ => return None,
    };
    Some(Message::Notice(key))
}

/// A project's plan, or what stands in for it.
enum Pinned {
    Plan(Box<ShowData>),
    Empty(Box<EmptyData>),
}

/// A project without a plan.
struct EmptyData {
    project: ProjectView,
    newest_directive: Option<i32>,
    rights: Rights,
}

fn load_pinned(conn: &mut DbConnection, user: &CurrentUser, id: i64) -> Result<Pinned, AppError> {
    let access = ProjectAccess::load(conn, id, user)?;
    match plans::newest(conn, id)? {
        Some(plan) => {
            let doc = plans::load_row(conn, plan)?;
            Ok(Pinned::Plan(Box::new(load_show(conn, user, access, doc)?)))
        }
        None => Ok(Pinned::Empty(Box::new(EmptyData {
            rights: shown(rights(&access), &access.project),
            newest_directive: plans::newest_approved_directive(conn, id)?.map(|d| d.version),
            project: access.project,
        }))),
    }
}

fn render_pinned(auth: &Auth, pinned: &Pinned, message: Option<Message>) -> Markup {
    match pinned {
        Pinned::Plan(data) => render_show(
            auth,
            data,
            true,
            message,
            &default_decision(),
            &FieldErrors::new(),
        ),
        Pinned::Empty(data) => view::empty(
            &auth.ctx,
            &EmptyPage {
                project: &data.project,
                newest_directive: data.newest_directive,
                rights: data.rights,
                message,
            },
        ),
    }
}

async fn index(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let pinned = state
        .db
        .run(move |conn| load_pinned(conn, &user, id))
        .await?;
    Ok(render_pinned(&auth, &pinned, notice(&query.done)))
}

async fn create(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let access = ProjectAccess::load(conn, id, &user)?;
            access.require(ProjectAction::DraftPlan)?;
            if let Err(key) = check_open(access.project.project.phase()) {
                return Ok(Outcome::Refused(load_pinned(conn, &user, id)?, key));
            }
            if plans::newest(conn, id)?.is_some() {
                let key = "plan-refused-exists";
                return Ok(Outcome::Refused(load_pinned(conn, &user, id)?, key));
            }
            let Some(directive) = plans::newest_approved_directive(conn, id)? else {
                let key = "plan-refused-no-directive";
                return Ok(Outcome::Refused(load_pinned(conn, &user, id)?, key));
            };
            let plan = plans::create(conn, id, directive.id, user.id, &PlanContent::default())?;
            let doc = plans::load_row(conn, plan)?;
            plans::record(conn, user.id, audit::Action::Create, None, &doc)?;
            Ok(Outcome::Saved(doc.plan.id))
        })
        .await?;
    match outcome {
        Outcome::Saved(plan_id) => Ok(see_other(&format!("/projects/{id}/plan/{plan_id}/edit"))),
        Outcome::Refused(pinned, key) => Ok(invalid(render_pinned(
            &auth,
            &pinned,
            Some(Message::Refused(key)),
        ))),
        Outcome::Invalid(..) | Outcome::Conflict(..) => {
            Err(AppError::internal("a new plan is refused or made"))
        }
    }
}

async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<DoneQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let (id, plan_id) = ids(&path)?;
    let user = auth.user.clone();
    let data = state
        .db
        .run(move |conn| {
            let access = ProjectAccess::load(conn, id, &user)?;
            let doc = find_plan(conn, id, plan_id)?;
            load_show(conn, &user, access, doc)
        })
        .await?;
    Ok(render_show(
        &auth,
        &data,
        false,
        notice(&query.done),
        &default_decision(),
        &FieldErrors::new(),
    ))
}

/// Loads a plan for a drafting step: 404 for an unknown project or plan, 403 for anyone who may
/// not draft, and the refusal when the project is closed or the plan's status does not allow
/// `step`.
fn load_for_draft<T>(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: i64,
    plan_id: i64,
    step: Step,
) -> Result<Result<Box<ShowData>, Changed<T>>, AppError> {
    let access = ProjectAccess::load(conn, id, user)?;
    let doc = find_plan(conn, id, plan_id)?;
    access.require(step_action(
        step,
        ProjectAction::DraftPlan,
        Body::SteeringGroup,
    ))?;
    let open = check_open(access.project.project.phase());
    let newest = plans::newest(conn, id)?.map(|p| p.version);
    let is_latest = newest == Some(doc.plan.version);
    let status = document::step(doc.plan.status(), step, is_latest);
    let data = Box::new(load_show(conn, user, access, doc)?);
    Ok(match (open, status) {
        (Err(key), _) => Err(Outcome::Refused(data, key)),
        (Ok(()), Err(refusal)) => Err(Outcome::Conflict(data, Some(refusal.key()))),
        (Ok(()), Ok(_)) => Ok(data),
    })
}

async fn edit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, plan_id) = ids(&path)?;
    let user = auth.user.clone();
    let loaded = state
        .db
        .run(move |conn| load_for_draft::<()>(conn, &user, id, plan_id, Step::Edit))
        .await?;
    let data = match loaded {
        Ok(data) => data,
        Err(refused) => return not_saved(&auth, refused, None, None),
    };
    let form = form_of(&data.doc.content, data.doc.plan.lock_version);
    let page = render_edit(&auth, &data, &form, &FieldErrors::new(), None, false);
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string()))
}

async fn update(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (id, plan_id) = ids(&path)?;
    let user = auth.user.clone();
    let form = PlanForm::from_pairs(&pairs);
    let submitted = form.clone();
    let lock_version = i64::from(parse_lock_version(form.get("lock_version")));
    let outcome = state
        .db
        .write(move |conn| {
            let data = match load_for_draft(conn, &user, id, plan_id, Step::Edit)? {
                Ok(data) => data,
                Err(refused) => return Ok(refused),
            };
            let content = match domain::parse_draft(&form, &data.doc.directive.goal_ids()) {
                Ok(content) => content,
                Err(errors) => return Ok(Outcome::Invalid(data, errors)),
            };
            match plans::save_draft(conn, plan_id, lock_version, &content, user.id)? {
                Saved::Conflict => {
                    let now = find_plan(conn, id, plan_id)?;
                    Ok(Outcome::Conflict(
                        Box::new(ShowData { doc: now, ..*data }),
                        None,
                    ))
                }
                Saved::Yes => {
                    let after = find_plan(conn, id, plan_id)?;
                    plans::record(
                        conn,
                        user.id,
                        audit::Action::Update,
                        Some(&data.doc),
                        &after,
                    )?;
                    Ok(Outcome::Saved(()))
                }
            }
        })
        .await?;
    match outcome {
        Outcome::Saved(()) => Ok(see_other(&format!(
            "/projects/{id}/plan/{plan_id}?done=saved"
        ))),
        not => not_saved(&auth, not, None, Some(&submitted)),
    }
}

async fn submit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (id, plan_id) = ids(&path)?;
    let user = auth.user.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = match load_for_draft(conn, &user, id, plan_id, Step::Submit)? {
                Ok(data) => data,
                Err(refused) => return Ok(refused),
            };
            let directive = &data.doc.directive;
            if let Err(errors) = domain::check_submittable(
                &data.doc.content,
                &directive.goal_ids(),
                directive.budget_frame_sek,
            ) {
                return Ok(Outcome::Invalid(data, errors));
            }
            // The body is not stored for a plan: who decides it is worked out when it is read.
            let submission = Submission {
                body: Body::SteeringGroup,
                by: user.id,
                on: today(),
            };
            let version = VersionId {
                project_id: id,
                id: plan_id,
            };
            let from = data.doc.plan.status();
            if !documents::submit::<Plans>(conn, version, from, &submission)? {
                return Err(AppError::internal("the plan left draft while locked"));
            }
            Ok(Outcome::Saved(()))
        })
        .await?;
    match outcome {
        Outcome::Saved(()) => Ok(see_other(&format!(
            "/projects/{id}/plan/{plan_id}?done=submitted"
        ))),
        not => not_saved(&auth, not, None, None),
    }
}

/// This page names the decision's fields as the domain does.
const DECISION_FIELDS: DecisionFields = DecisionFields {
    decided_on: "decided_on",
    text: "text",
    reason: "reason",
};

async fn approve(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    decide(auth, state, path, form, Step::Approve).await
}

async fn return_plan(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    decide(auth, state, path, form, Step::Return).await
}

/// Records the steering group's decision on a submitted plan: approved, or returned with a reason.
async fn decide(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: DecisionForm,
    step: Step,
) -> Result<HttpResponse, AppError> {
    let (id, plan_id) = ids(&path)?;
    let user = auth.user.clone();
    let submitted = form.clone();
    let returned = step == Step::Return;
    let outcome = state
        .db
        .write(move |conn| {
            let project = ProjectAccess::load(conn, id, &user)?;
            let doc = find_plan(conn, id, plan_id)?;
            let body = deciding_body(conn, &doc.plan)?;
            project.require(step_action(step, ProjectAction::DraftPlan, body))?;
            if let Err(key) = check_open(project.project.project.phase())
                .and_then(|()| check_four_eyes(&doc.plan.authors(), user.id))
            {
                let data = load_show(conn, &user, project, doc)?;
                return Ok(Outcome::Refused(Box::new(data), key));
            }
            match document::step(doc.plan.status(), step, true) {
                Ok(_) => {}
                Err(refusal) => {
                    let data = load_show(conn, &user, project, doc)?;
                    return Ok(Outcome::Conflict(Box::new(data), Some(refusal.key())));
                }
            };
            let floor = governance::floor_of(conn, id, doc.plan.submitted_on)?;
            let verdict = VerdictForm {
                decided_on: form.decided_on.clone(),
                text: form.text.clone(),
                reason: form.reason.clone(),
            };
            let decided = match parse_decision(&verdict, returned, today(), floor, DECISION_FIELDS)
            {
                Ok(decided) => decided,
                Err(errors) => {
                    let data = load_show(conn, &user, project, doc)?;
                    return Ok(Outcome::Invalid(Box::new(data), errors));
                }
            };
            let version = VersionId {
                project_id: id,
                id: plan_id,
            };
            if documents::decide::<Plans>(conn, version, body, &decided, user.id)?.is_none() {
                return Err(AppError::internal("the plan left submitted while locked"));
            }
            Ok(Outcome::Saved(()))
        })
        .await?;
    match outcome {
        Outcome::Saved(()) => {
            let done = if returned { "returned" } else { "approved" };
            Ok(see_other(&format!(
                "/projects/{id}/plan/{plan_id}?done={done}"
            )))
        }
        not => not_saved(&auth, not, Some(&submitted), None),
    }
}

async fn revise(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (id, plan_id) = ids(&path)?;
    let user = auth.user.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = match load_for_draft(conn, &user, id, plan_id, Step::Revise)? {
                Ok(data) => data,
                Err(refused) => return Ok(refused),
            };
            let Some(directive) = plans::newest_approved_directive(conn, id)? else {
                let key = "plan-refused-no-directive";
                return Ok(Outcome::Conflict(data, Some(key)));
            };
            let content = plans::carry_over(&data.doc.content, &data.doc.directive, &directive);
            let plan = plans::create(conn, id, directive.id, user.id, &content)?;
            let doc = plans::load_row(conn, plan)?;
            plans::record(conn, user.id, audit::Action::Create, None, &doc)?;
            Ok(Outcome::Saved(doc.plan.id))
        })
        .await?;
    match outcome {
        Outcome::Saved(new_id) => Ok(see_other(&format!("/projects/{id}/plan/{new_id}/edit"))),
        not => not_saved(&auth, not, None, None),
    }
}

async fn compare(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&path)?;
    // Without a choice, the two newest versions are compared (a single version with itself).
    let chosen = query.chosen()?;
    let user = auth.user.clone();
    let (project, from, to, versions) = state
        .db
        .run(move |conn| {
            let project = ProjectAccess::load(conn, id, &user)?.project;
            let versions = plans::versions(conn, id)?;
            let newest_first: Vec<i64> = versions.iter().map(|v| v.plan.id).collect();
            let (from_id, to_id) =
                compared_pair(chosen, &newest_first).ok_or(AppError::NotFound)?;
            let from = find_plan(conn, id, from_id)?;
            let to = find_plan(conn, id, to_id)?;
            Ok((project, from, to, versions))
        })
        .await?;
    let snapshot = |doc: &PlanDoc| domain::snapshot(&doc.content, &doc.directive.goal_texts());
    let rows = document::compare(&snapshot(&from), &snapshot(&to));
    Ok(view::compare(
        &auth.ctx,
        &ComparePage {
            project: &project,
            from: &from.plan,
            to: &to.plan,
            versions: &versions,
            rows: &rows,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_of_a_plan_parses_back_to_the_plan() {
        let pairs: Vec<(String, String)> = [
            ("answer_7", "Svar"),
            ("milestone_name_1", "Start"),
            ("milestone_planned_1", "2027-01-10"),
            ("budget_year_1", "2027"),
            ("budget_category_1", "staff"),
            ("budget_amount_1", "100000"),
            ("risk_description_1", "Sjukdom"),
            ("risk_probability_1", "2"),
            ("risk_consequence_1", "3"),
            ("benefit_indicator_1", "Tid"),
            ("benefit_target_1", "Kortare"),
            ("communication", "Möten"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let content = domain::parse_draft(&PlanForm::from_pairs(&pairs), &[7]).expect("valid");
        let again = domain::parse_draft(&form_of(&content, 3), &[7]).expect("valid");
        assert_eq!(again, content);
        assert_eq!(form_of(&content, 3).get("lock_version"), "3");
    }
}
