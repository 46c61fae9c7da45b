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
use crate::db::{DbConnection, audit, governance, settings};
use crate::domain::decision::{Body, Floor, Verdict, VerdictForm};
use crate::domain::directive::{
    DirectiveForm, DirectiveKind, approving_body, check_submittable, parse_draft, snapshot,
};
use crate::domain::document::{
    self, Authors, Status, Step, check_four_eyes, deciding_body, step_action,
};
use crate::domain::phase::check_open;
use crate::domain::policy::{Action, ProjectAction};
use crate::domain::project::parse_lock_version;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::directives::{
    self as view, ComparePage, Conflict, DecisionForm, DecisionPosted, FormPage, FormPurpose,
    VersionPage,
};
use crate::web::context::{Auth, CurrentUser};
use crate::web::documents::{self as workflow, DecisionFields, DoneQuery};
use crate::web::forms::{CompareQuery, CsrfForm, Empty, Outcome, conflict, invalid};
use crate::web::project_access::ProjectAccess;
use crate::web::{AppState, path_id, today};

pub fn routes(cfg: &mut web::ServiceConfig) {
    // The fixed names first: `new` and `compare` are not version ids.
    cfg.route("/projects/{id}/directive", web::get().to(index))
        .route("/projects/{id}/directive", web::post().to(create))
        .route("/projects/{id}/directive/new", web::get().to(new))
        .route("/projects/{id}/directive/compare", web::get().to(compare))
        .route("/projects/{id}/directive/{did}", web::get().to(show))
        .route("/projects/{id}/directive/{did}/edit", web::get().to(edit))
        .route(
            "/projects/{id}/directive/{did}/edit",
            web::post().to(update),
        )
        .route(
            "/projects/{id}/directive/{did}/submit",
            web::post().to(submit),
        )
        .route(
            "/projects/{id}/directive/{did}/approve",
            web::post().to(approve),
        )
        .route(
            "/projects/{id}/directive/{did}/return",
            web::post().to(return_version),
        )
        .route(
            "/projects/{id}/directive/{did}/revise",
            web::post().to(revise),
        );
}

/// What the audit trail calls a directive version.
const ENTITY: &str = "directive";

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
        _ => deciding_body(
            approving_body(
                &directive.content(),
                settings::management_group_threshold(conn)?,
            ),
            governance::author_facts(conn, &directive.row.authors(), None)?,
        ),
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

/// The kinds the user may start, because they have no version yet.
fn kinds_to_start(access: &ProjectAccess, versions: &[VersionEntry]) -> Vec<DirectiveKind> {
    if !access.may(ProjectAction::DraftDirective) || access.is_closed() {
        return Vec::new();
    }
    DirectiveKind::ALL
        .into_iter()
        .rev()
        .filter(|kind| !versions.iter().any(|v| v.row.kind() == *kind))
        .collect()
}

/// `GET /projects/{id}/directive`: the current version (the newest project directive, or the
/// newest pre-study directive when there is none) and every version of both kinds.
async fn index(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&path)?;
    let user = auth.user.clone();
    let (access, versions, current) = state
        .db
        .run(move |conn| {
            let access = ProjectAccess::load(conn, id, &user)?;
            let versions = directives::versions(conn, id)?;
            let current = [DirectiveKind::Project, DirectiveKind::PreStudy]
                .into_iter()
                .find_map(|kind| versions.iter().find(|v| v.row.kind() == kind))
                .map(|v| v.row.id);
            let current = current
                .map(|did| load_version(conn, &user, id, did))
                .transpose()?;
            Ok((access, versions, current))
        })
        .await?;
    let may_create = kinds_to_start(&access, &versions);
    let no_errors = FieldErrors::new();
    let page = current
        .as_ref()
        .map(|data| version_page(&auth, data, notice_key(&query.done), None, None, &no_errors));
    Ok(view::index(
        &auth.ctx,
        &access.project,
        &versions,
        page.as_ref(),
        &may_create,
    ))
}

/// `GET /projects/{id}/directive/{did}`: one version, read-only, with what the user may do.
async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<DoneQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let (id, did) = (path_id(&path.0)?, path_id(&path.1)?);
    let user = auth.user.clone();
    let data = state
        .db
        .run(move |conn| load_version(conn, &user, id, did))
        .await?;
    let no_errors = FieldErrors::new();
    Ok(view::show(
        &auth.ctx,
        &version_page(
            &auth,
            &data,
            notice_key(&query.done),
            None,
            None,
            &no_errors,
        ),
    ))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    kind: String,
}

/// The message when a kind already has versions: a new version is made by revising.
const KIND_TAKEN: &str = "directive-error-kind-exists";

/// `GET /projects/{id}/directive/new?kind=project|pre_study`: the form for version 1 of a kind.
async fn new(
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

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// `POST /projects/{id}/directive`: version 1 of a kind, as a draft.
async fn create(
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
            let did = directives::insert(conn, id, kind, 1, Status::Draft, &content, user.id)?;
            let after = directives::find(conn, id, did)?;
            audit::record(
                conn,
                &audit::Change::<(), _> {
                    user_id: Some(user.id),
                    action: audit::Action::Create,
                    entity: ENTITY,
                    entity_id: did,
                    project_id: Some(id),
                    before: None,
                    after: after.as_ref(),
                },
            )?;
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

/// `GET /projects/{id}/directive/{did}/edit`: the form of a draft or returned version.
async fn edit(
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

fn html(page: Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

/// How a change to a version ends; the page shown again is the version's.
type Changed = Outcome<String, Box<VersionData>>;

/// `POST /projects/{id}/directive/{did}/edit`: saves a draft under its lock version. A returned
/// version becomes a draft again.
async fn update(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (id, did) = (path_id(&path.0)?, path_id(&path.1)?);
    let user = auth.user.clone();
    let form = DirectiveForm::from_pairs(&pairs);
    let submitted = form.clone();
    let lock_version = i64::from(parse_lock_version(&form.lock_version));
    let outcome = state
        .db
        .write(move |conn| {
            let data = load_version(conn, &user, id, did)?;
            require_step(&data, Step::Edit)?;
            if let Err(key) = check_open(data.access.project.project.phase()) {
                return Ok(Outcome::Refused(Box::new(data), key));
            }
            // A returned version becomes a draft again.
            let to = match next_status(&data, Step::Edit) {
                Ok(to) => to,
                Err(key) => return Ok(Outcome::Conflict(Box::new(data), Some(key))),
            };
            let content = match parse_draft(&form) {
                Ok(content) => content,
                Err(errors) => return Ok(Outcome::Invalid(Box::new(data), errors)),
            };
            match directives::update_draft(conn, did, lock_version, to, &content, user.id)? {
                Saved::Yes => {
                    let after = directives::find(conn, id, did)?;
                    audit::record(
                        conn,
                        &audit::Change {
                            user_id: Some(user.id),
                            action: audit::Action::Update,
                            entity: ENTITY,
                            entity_id: did,
                            project_id: Some(id),
                            before: Some(&data.directive),
                            after: after.as_ref(),
                        },
                    )?;
                    Ok(Outcome::Saved(format!("{}?done=saved", path_of(id, did))))
                }
                Saved::Conflict => Ok(Outcome::Conflict(Box::new(data), None)),
            }
        })
        .await?;
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
            &auth,
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

/// `POST /projects/{id}/directive/{did}/submit`: sends a complete draft to the body that decides
/// it: the management group when it is strategic or above the threshold, else the development
/// manager.
async fn submit(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (id, did) = (path_id(&path.0)?, path_id(&path.1)?);
    let user = auth.user.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = load_version(conn, &user, id, did)?;
            require_step(&data, Step::Submit)?;
            if let Err(key) = check_open(data.access.project.project.phase()) {
                return Ok(Outcome::Refused(Box::new(data), key));
            }
            if let Err(key) = next_status(&data, Step::Submit) {
                return Ok(Outcome::Conflict(Box::new(data), Some(key)));
            }
            let content = data.directive.content();
            if let Err(errors) = check_submittable(&content) {
                return Ok(Outcome::Invalid(Box::new(data), errors));
            }
            // Four eyes: when a development manager drafted or submits it, the management group
            // decides instead.
            let threshold = settings::management_group_threshold(conn)?;
            let authors = Authors {
                submitted_by: Some(user.id),
                ..data.directive.row.authors()
            };
            let submission = Submission {
                body: deciding_body(
                    approving_body(&content, threshold),
                    governance::author_facts(conn, &authors, None)?,
                ),
                by: user.id,
                on: today(),
            };
            let from = data.directive.row.status();
            let version = VersionId {
                project_id: id,
                id: did,
            };
            if !documents::submit::<Directives>(conn, version, from, &submission)? {
                return Err(AppError::internal(
                    "the version changed while it was submitted",
                ));
            }
            Ok(Outcome::Saved(format!(
                "{}?done=submitted",
                path_of(id, did)
            )))
        })
        .await?;
    Ok(stepped(&auth, outcome, None))
}

/// Parses the posted decision, naming the errors by this page's field ids (the approval and return
/// forms share a page, so their ids differ).
fn parse_decision(
    posted: &DecisionPosted,
    today: NaiveDate,
    floor: Option<Floor>,
) -> Result<Verdict, FieldErrors> {
    let form = &posted.form;
    let verdict = VerdictForm {
        decided_on: form.decided_on.clone(),
        text: form.text.clone(),
        reason: form.reason.clone(),
    };
    let (decided_on, text) = posted.field_ids();
    let fields = DecisionFields {
        decided_on,
        text,
        reason: text,
    };
    workflow::parse_decision(&verdict, posted.returning, today, floor, fields)
}

/// Approves or returns a submitted version, as a decision of the body it was submitted to.
async fn decide(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    posted: DecisionPosted,
) -> Result<HttpResponse, AppError> {
    let (id, did) = (path_id(&path.0)?, path_id(&path.1)?);
    let user = auth.user.clone();
    let today = today();
    let form = posted.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = load_version(conn, &user, id, did)?;
            let step = if form.returning {
                Step::Return
            } else {
                Step::Approve
            };
            require_step(&data, step)?;
            if let Err(key) = check_open(data.access.project.project.phase())
                .and_then(|()| check_four_eyes(&data.directive.row.authors(), user.id))
            {
                return Ok(Outcome::Refused(Box::new(data), key));
            }
            if let Err(key) = next_status(&data, step) {
                return Ok(Outcome::Conflict(Box::new(data), Some(key)));
            }
            let verdict = match parse_decision(
                &form,
                today,
                governance::floor_of(conn, id, data.directive.row.submitted_on)?,
            ) {
                Ok(parsed) => parsed,
                Err(errors) => return Ok(Outcome::Invalid(Box::new(data), errors)),
            };
            let version = VersionId {
                project_id: id,
                id: did,
            };
            if documents::decide::<Directives>(conn, version, data.body, &verdict, user.id)?
                .is_none()
            {
                return Err(AppError::internal(
                    "the version changed while it was decided",
                ));
            }
            let done = if form.returning {
                "returned"
            } else {
                "approved"
            };
            Ok(Outcome::Saved(format!("{}?done={done}", path_of(id, did))))
        })
        .await?;
    Ok(stepped(&auth, outcome, Some(&posted)))
}

/// `POST /projects/{id}/directive/{did}/approve`: fields `decided_on`, and `text`, an optional
/// comment.
async fn approve(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let posted = DecisionPosted {
        returning: false,
        form,
    };
    decide(auth, state, path, posted).await
}

/// `POST /projects/{id}/directive/{did}/return`: fields `decided_on` and `reason`, required.
async fn return_version(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let posted = DecisionPosted {
        returning: true,
        form,
    };
    decide(auth, state, path, posted).await
}

/// `POST /projects/{id}/directive/{did}/revise`: version N+1 of an approved version's kind, as a
/// draft with the content and goals of the newest approved version. One version of a kind is
/// open at a time.
async fn revise(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (id, did) = (path_id(&path.0)?, path_id(&path.1)?);
    let user = auth.user.clone();
    let outcome = state
        .db
        .write(move |conn| {
            let data = load_version(conn, &user, id, did)?;
            require_step(&data, Step::Revise)?;
            if let Err(key) = check_open(data.access.project.project.phase()) {
                return Ok(Outcome::Refused(Box::new(data), key));
            }
            let status = match next_status(&data, Step::Revise) {
                Ok(status) => status,
                Err(key) => return Ok(Outcome::Conflict(Box::new(data), Some(key))),
            };
            let kind = data.directive.row.kind();
            if directives::has_open_version(conn, id, kind)? {
                let key = document::StepRefusal::NewerVersionOpen.key();
                return Ok(Outcome::Conflict(Box::new(data), Some(key)));
            }
            let Some(source) = directives::newest_approved(conn, id, kind)? else {
                let key = document::StepRefusal::NotApproved.key();
                return Ok(Outcome::Conflict(Box::new(data), Some(key)));
            };
            let version = data
                .versions
                .iter()
                .filter(|v| v.row.kind() == kind)
                .map(|v| v.row.version)
                .max()
                .unwrap_or(0)
                + 1;
            let new_id =
                directives::insert(conn, id, kind, version, status, &source.content(), user.id)?;
            let after = directives::find(conn, id, new_id)?;
            audit::record(
                conn,
                &audit::Change::<(), _> {
                    user_id: Some(user.id),
                    action: audit::Action::Create,
                    entity: ENTITY,
                    entity_id: new_id,
                    project_id: Some(id),
                    before: None,
                    after: after.as_ref(),
                },
            )?;
            Ok(Outcome::Saved(format!(
                "{}?done=revised",
                path_of(id, new_id)
            )))
        })
        .await?;
    Ok(stepped(&auth, outcome, None))
}

/// `GET /projects/{id}/directive/compare?from={did}&to={did}`: two versions of the project's
/// directives, field by field, the changed rows marked. Without a choice, the two newest versions
/// of the current kind.
async fn compare(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let id = path_id(&path)?;
    let chosen = query.chosen()?;
    let user = auth.user.clone();
    let (project, versions, pair) = state
        .db
        .run(move |conn| {
            let project = ProjectAccess::load(conn, id, &user)?.project;
            let versions = directives::versions(conn, id)?;
            // Without a choice, the two newest versions of the current kind.
            let current = versions.first().map(|v| v.row.kind());
            let newest_first: Vec<i64> = versions
                .iter()
                .filter(|v| Some(v.row.kind()) == current)
                .map(|v| v.row.id)
                .collect();
            let pair = match workflow::compared_pair(chosen, &newest_first) {
                Some((from, to)) => {
                    let from = directives::find(conn, id, from)?.ok_or(AppError::NotFound)?;
                    let to = directives::find(conn, id, to)?.ok_or(AppError::NotFound)?;
                    Some((from, to))
                }
                None => None,
            };
            Ok((project, versions, pair))
        })
        .await?;
    let ctx = &auth.ctx;
    let (yes, no) = (ctx.t("common-yes"), ctx.t("common-no"));
    let rows = pair.as_ref().map(|(from, to)| {
        document::compare(
            &snapshot(&from.content(), &yes, &no),
            &snapshot(&to.content(), &yes, &no),
        )
    });
    Ok(view::compare(
        ctx,
        &ComparePage {
            project: &project,
            versions: &versions,
            from: pair.as_ref().map(|(from, _)| &from.row),
            to: pair.as_ref().map(|(_, to)| &to.row),
            rows: rows.as_deref(),
        },
    ))
}
