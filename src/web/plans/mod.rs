//! The project plan: its versions, the draft's form, submission to the steering group, the
//! steering group's decision, revision and the comparison of two versions.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use maud::Markup;

use crate::db::documents::{self, Submission, VersionId};
use crate::db::plans::{self, PlanDoc, PlanRow, PlanVersion, Plans};
use crate::db::projects::{ProjectView, Saved};
use crate::db::{DbConnection, governance};
use crate::domain::decision::{Body, VerdictForm};
use crate::domain::document::{self, Step, check_four_eyes, step_action};
use crate::domain::phase::check_open;
use crate::domain::plan::{self as domain, PlanContent, PlanForm, row_field};
use crate::domain::policy::ProjectAction;
use crate::domain::project::parse_lock_version;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::components::DecisionPosted;
use crate::views::plans::{
    self as view, ComparePage, DecisionForm, EditPage, EmptyPage, Message, PlanPage, Rights,
};
use crate::web::context::{Auth, CurrentUser};
use crate::web::documents::{
    self as workflow, CompareSource, Comparing, DecideFn, DecisionFields, LoadFn, Pages, Posted,
    SaveFn, StepFn, Steps, page_routes, parse_decision, step_routes,
};
use crate::web::forms::{CsrfForm, Empty, Outcome, conflict, invalid};
use crate::web::project_access::ProjectAccess;
use crate::web::{AppState, path_id, today};

mod compare;
mod create;
mod decide;
mod edit;
mod revise;
mod show;
mod submit;

use compare::*;
use create::*;
use edit::*;
use show::*;

pub fn routes(cfg: &mut web::ServiceConfig) {
    const BASE: &str = "/projects/{id}/plan";
    cfg.route(BASE, web::post().to(create));
    page_routes::<PlanPages>(cfg, BASE);
    cfg.route("/projects/{id}/plan/{pid}/edit", web::get().to(edit));
    step_routes::<PlanPages>(cfg, BASE);
}

impl Pages for PlanPages {
    type Index = Pinned;
    type Version = Box<ShowData>;
    type Compared = Compared;
    const INDEX: LoadFn<Pinned, i64> = show::load_pinned;
    const VERSION: LoadFn<Box<ShowData>, VersionId> = show::load_version;
    const COMPARED: LoadFn<Compared, Comparing> = compare::load_compared;

    fn index_markup(auth: &Auth, data: &Pinned, done: &str) -> Markup {
        show::pinned_markup(auth, data, done)
    }

    fn version_markup(auth: &Auth, data: &Box<ShowData>, done: &str) -> Markup {
        show::version_markup(auth, data, done)
    }

    fn compare_markup(auth: &Auth, data: &Compared) -> Markup {
        compare::compare_markup(auth, data)
    }
}

/// Plans in the shared step handlers (`web::documents`): submit, decide and revise, each one
/// transaction.
struct PlanPages;

impl Steps for PlanPages {
    type Page = Box<ShowData>;
    const SAVE: SaveFn<Box<ShowData>> = edit::save;
    const SUBMIT: StepFn<Box<ShowData>> = submit::submit;
    const DECIDE: DecideFn<Box<ShowData>> = decide::decide;
    const REVISE: StepFn<Box<ShowData>> = revise::revise;

    fn not_saved(
        auth: &Auth,
        outcome: Changed<String>,
        posted: Posted,
    ) -> Result<HttpResponse, AppError> {
        match posted {
            Posted::Draft(pairs) => {
                not_saved(auth, outcome, None, Some(&PlanForm::from_pairs(pairs)))
            }
            Posted::Decision(decision) => not_saved(auth, outcome, Some(&decision.form), None),
            Posted::Nothing => not_saved(auth, outcome, None, None),
        }
    }
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
    Ok(plans::deciding_body(conn, plan)?)
}

/// Whether the user decides for the body that decides the plan version (four eyes aside).
fn decides(
    conn: &mut DbConnection,
    access: &ProjectAccess,
    plan: &PlanRow,
) -> Result<bool, AppError> {
    Ok(access.may(ProjectAction::DecideAs(deciding_body(conn, plan)?)))
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
