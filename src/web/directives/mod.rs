//! A project's directives (projektdirektiv and förstudiedirektiv): the versions, drafting and
//! editing, submission, the decision that approves or returns a version, revision, and comparing
//! two versions.
//!
//! Everyone logged in reads; the commissioner, the development manager and the administrator
//! draft; the body a submitted version names decides. Every change runs in one transaction with
//! its audit entries.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use maud::Markup;

use crate::db::decisions::DecisionRow;
use crate::db::directives::{self, Directive, Directives, VersionEntry};
use crate::db::documents::{self, Submission, VersionId};
use crate::db::projects::Saved;
use crate::db::{DbConnection, audit, governance};
use crate::domain::decision::{Body, Floor, Verdict, VerdictForm};
use crate::domain::directive::{
    DirectiveForm, DirectiveKind, check_submittable, parse_draft, snapshot,
};
use crate::domain::document::{self, Authors, Status, Step, check_four_eyes, step_action};
use crate::domain::phase::check_open;
use crate::domain::policy::ProjectAction;
use crate::domain::project::parse_lock_version;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::directives::{
    self as view, ComparePage, Conflict, DecisionPosted, FormPage, FormPurpose, VersionPage,
};
use crate::web::context::{Auth, CurrentUser};
use crate::web::documents::{
    self as workflow, Comparing, DecideFn, DecisionFields, LoadFn, Pages, Posted, SaveFn, StepFn,
    Steps,
};
use crate::web::forms::{CsrfForm, Outcome, conflict, invalid};
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
    const BASE: &str = "/projects/{id}/directive";
    // The fixed name first: `new` is not a version id.
    cfg.route(BASE, web::post().to(create))
        .route("/projects/{id}/directive/new", web::get().to(new));
    workflow::page_routes::<DirectivePages>(cfg, BASE);
    cfg.route("/projects/{id}/directive/{did}/edit", web::get().to(edit));
    workflow::step_routes::<DirectivePages>(cfg, BASE);
}

impl Pages for DirectivePages {
    type Index = Index;
    type Version = VersionData;
    type Compared = Compared;
    const INDEX: LoadFn<Index, i64> = show::load_index;
    const VERSION: LoadFn<VersionData, VersionId> = show::load_shown;
    const COMPARED: LoadFn<Compared, Comparing> = compare::load_compared;

    fn index_markup(auth: &Auth, data: &Index, done: &str) -> Markup {
        show::index_markup(auth, data, done)
    }

    fn version_markup(auth: &Auth, data: &VersionData, done: &str) -> Markup {
        show::version_markup(auth, data, done)
    }

    fn compare_markup(auth: &Auth, data: &Compared) -> Markup {
        compare::compare_markup(auth, data)
    }
}

/// Directives in the shared step handlers (`web::documents`): submit, decide and revise, each one
/// transaction.
struct DirectivePages;

impl Steps for DirectivePages {
    type Page = Box<VersionData>;
    const SAVE: SaveFn<Box<VersionData>> = edit::save;
    const SUBMIT: StepFn<Box<VersionData>> = submit::submit;
    const DECIDE: DecideFn<Box<VersionData>> = decide::decide;
    const REVISE: StepFn<Box<VersionData>> = revise::revise;

    fn not_saved(auth: &Auth, outcome: Changed, posted: Posted) -> Result<HttpResponse, AppError> {
        match posted {
            Posted::Draft(pairs) => edit::not_saved(auth, outcome, pairs),
            Posted::Decision(decision) => Ok(stepped(auth, outcome, Some(decision))),
            Posted::Nothing => Ok(stepped(auth, outcome, None)),
        }
    }
}

fn path_of(project_id: i64, directive_id: i64) -> String {
    format!("/projects/{project_id}/directive/{directive_id}")
}

/// One version and everything its page shows.
struct VersionData {
    access: ProjectAccess,
    directive: Directive,
    created_by_name: String,
    decision: Option<(DecisionRow, String)>,
    versions: Vec<VersionEntry>,
    /// Whether this is the newest version of its kind.
    is_latest: bool,
    /// The body that decides this version: the one named when it was submitted, or for a draft
    /// the one that would decide it if it were submitted as it stands (four eyes included).
    body: Body,
}

fn load_version(
    conn: &mut DbConnection,
    user: &CurrentUser,
    project_id: i64,
    directive_id: i64,
) -> Result<VersionData, AppError> {
    let access = ProjectAccess::load(conn, project_id, user)?;
    let directive = directives::find(conn, project_id, directive_id)?.ok_or(AppError::NotFound)?;
    // A version being drafted (also one returned) is decided by whoever its content names now.
    let body = match (
        directive.row.status().is_editable(),
        directive.row.approving_body(),
    ) {
        (false, Some(body)) => body,
        _ => directives::deciding_body(conn, &directive.content(), &directive.row.authors())?,
    };
    let decision = match directive.row.decision_id {
        Some(id) => directives::decision(conn, id)?,
        None => None,
    };
    let versions = directives::versions(conn, project_id)?;
    let kind = directive.row.kind();
    let is_latest = versions
        .iter()
        .find(|v| v.row.kind() == kind)
        .is_some_and(|v| v.row.id == directive.row.id);
    Ok(VersionData {
        created_by_name: directives::user_name(conn, directive.row.created_by)?,
        access,
        directive,
        decision,
        versions,
        is_latest,
        body,
    })
}

/// Loads a version for `step`: 404 for an unknown project or version, 403 for a user who may not
/// take the step, and the page with the reason when the project is closed (422) or the version's
/// status does not allow the step (409).
fn load_for_step(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
    step: Step,
) -> Result<Result<Box<VersionData>, Changed>, AppError> {
    let data = Box::new(load_version(conn, user, version.project_id, version.id)?);
    require_step(&data, step)?;
    if let Err(key) = check_open(data.access.project.project.phase()) {
        return Ok(Err(Outcome::Refused(data, key)));
    }
    if let Err(key) = next_status(&data, step) {
        return Ok(Err(Outcome::Conflict(data, Some(key))));
    }
    Ok(Ok(data))
}

/// 403 unless the user may take `step` on the version: draft directives, or decide for the body
/// that decides it.
fn require_step(data: &VersionData, step: Step) -> Result<(), AppError> {
    let action = step_action(step, ProjectAction::DraftDirective, data.body);
    data.access.require(action)
}

/// What the user may do with a version as it stands.
fn actions(user: &CurrentUser, data: &VersionData) -> view::Actions {
    let status = data.directive.row.status();
    let open = !data.access.is_closed();
    let draft = open && data.access.may(ProjectAction::DraftDirective);
    view::Actions {
        edit: draft && status.is_editable(),
        submit: draft && status.is_editable(),
        revise: draft && document::step(status, Step::Revise, data.is_latest).is_ok(),
        decide: open
            && status == Status::Submitted
            && data.access.may(ProjectAction::DecideAs(data.body)),
        own_version: data.directive.row.authors().includes(user.id),
    }
}

/// A version's page: as read, or again after a refused step or decision.
fn version_page<'a>(
    auth: &Auth,
    data: &'a VersionData,
    notice: Option<&'static str>,
    refusal: Option<&'static str>,
    posted: Option<&'a DecisionPosted>,
    errors: &'a FieldErrors,
) -> VersionPage<'a> {
    VersionPage {
        project: &data.access.project,
        directive: &data.directive,
        created_by_name: &data.created_by_name,
        decision: data.decision.as_ref(),
        versions: &data.versions,
        body: data.body,
        actions: actions(&auth.user, data),
        notice,
        refusal,
        posted,
        today: today(),
        errors,
    }
}

fn render_version(
    auth: &Auth,
    data: &VersionData,
    refusal: Option<&'static str>,
    posted: Option<&DecisionPosted>,
    errors: &FieldErrors,
) -> Markup {
    view::show(
        &auth.ctx,
        &version_page(auth, data, None, refusal, posted, errors),
    )
}

/// The notice after a step, named in the redirect's query.
fn notice_key(done: &str) -> Option<&'static str> {
    match done {
        "created" => Some("directive-notice-created"),
        "saved" => Some("directive-notice-saved"),
        "submitted" => Some("directive-notice-submitted"),
        "approved" => Some("directive-notice-approved"),
        "returned" => Some("directive-notice-returned"),
        "revised" => Some("directive-notice-revised"),
        _ => None,
    }
}

fn edit_page<'a>(
    data: &'a VersionData,
    form: &'a DirectiveForm,
    errors: &'a FieldErrors,
    conflict: Option<&'a Conflict>,
    submit_refused: bool,
) -> FormPage<'a> {
    FormPage {
        project: &data.access.project,
        purpose: FormPurpose::Edit {
            directive: &data.directive.row,
        },
        form,
        errors,
        conflict,
        submit_refused,
        refusal: None,
    }
}

/// The status `step` leads the version of `data` to, or why it may not be taken, as the catalog
/// key of the message to show.
fn next_status(data: &VersionData, step: Step) -> Result<Status, &'static str> {
    document::step(data.directive.row.status(), step, data.is_latest).map_err(|r| r.key())
}

fn html(page: Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

/// How a change to a version ends; the page shown again is the version's.
type Changed = Outcome<String, Box<VersionData>>;

/// The answer to a workflow step (submit, approve, return, revise). The input that may be invalid
/// is the decision as `posted`, or for a submission the version's stored content (shown in its
/// form); a refusal by the version's status is a conflict (409), one by a rule of the model 422.
fn stepped(auth: &Auth, outcome: Changed, posted: Option<&DecisionPosted>) -> HttpResponse {
    match outcome {
        Outcome::Saved(path) => see_other(&path),
        Outcome::Conflict(data, key) => {
            conflict(render_version(auth, &data, key, None, &FieldErrors::new()))
        }
        Outcome::Invalid(data, errors) if posted.is_some() => {
            invalid(render_version(auth, &data, None, posted, &errors))
        }
        Outcome::Invalid(data, errors) => {
            let form = data
                .directive
                .content()
                .to_form(data.directive.row.lock_version);
            invalid(view::form(
                &auth.ctx,
                &edit_page(&data, &form, &errors, None, true),
            ))
        }
        Outcome::Refused(data, key) => invalid(render_version(
            auth,
            &data,
            Some(key),
            posted,
            &FieldErrors::new(),
        )),
    }
}
