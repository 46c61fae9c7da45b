//! The handlers every versioned document (directives and plans) shares: the workflow's steps
//! (`POST .../{version}/submit`, `approve`, `return`, `revise`), each one transaction that a kind
//! supplies through `Steps`; parsing the decision that approves or returns a version; and which two
//! versions a comparison shows and its read (`load_compared`). The transitions in the database are
//! `db::documents`; who may take each step is `domain::document::step_action`.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use diesel::QueryResult;
use maud::Markup;

use crate::db::DbConnection;
use crate::db::documents::VersionId;
use crate::db::projects::ProjectView;
use crate::domain::decision::{Floor, Verdict, VerdictField, VerdictForm, parse_verdict};
use crate::domain::policy::Action;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::components::{DecisionForm, DecisionPosted};
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CompareQuery, CsrfForm, Empty, Outcome};
use crate::web::project_access::ProjectAccess;
use crate::web::{AppState, path_id};

/// How a step ends: saved, with the path to go to, or the page `P` shown again.
pub type Stepped<P> = Outcome<String, P>;

/// A step of a kind, one transaction: the page it answers with when not saved is `P`.
pub type StepFn<P> = fn(&mut DbConnection, &CurrentUser, VersionId) -> Result<Stepped<P>, AppError>;

/// Saving a draft's form (the posted fields) under its lock version, one transaction.
pub type SaveFn<P> = fn(
    &mut DbConnection,
    &CurrentUser,
    VersionId,
    &[(String, String)],
) -> Result<Stepped<P>, AppError>;

/// What was posted with a step, for the page shown again when it was not saved.
#[derive(Debug, Clone, Copy)]
pub enum Posted<'a> {
    Nothing,
    /// A decision, as typed.
    Decision(&'a DecisionPosted),
    /// A draft's form, as typed.
    Draft(&'a [(String, String)]),
}

/// A decision on a version of a kind, one transaction.
pub type DecideFn<P> =
    fn(&mut DbConnection, &CurrentUser, VersionId, &DecisionPosted) -> Result<Stepped<P>, AppError>;

/// What a kind of document supplies to the shared step handlers: each step as one transaction
/// (run inside `Db::write`, so it reads, checks and writes together), and the answer to a step
/// that was not saved.
pub trait Steps: 'static {
    /// What the page shown again after a step that was not saved needs.
    type Page: Send + 'static;
    const SAVE: SaveFn<Self::Page>;
    const SUBMIT: StepFn<Self::Page>;
    const DECIDE: DecideFn<Self::Page>;
    const REVISE: StepFn<Self::Page>;

    /// The page again, for a step that was refused, conflicted or had errors, with what was
    /// posted.
    fn not_saved(
        auth: &Auth,
        outcome: Stepped<Self::Page>,
        posted: Posted,
    ) -> Result<HttpResponse, AppError>;
}

/// The step routes of a kind below `base` (`/projects/{id}/directive`), whose versions are
/// `{base}/{version}`.
pub fn step_routes<K: Steps>(cfg: &mut web::ServiceConfig, base: &str) {
    cfg.route(
        &format!("{base}/{{version}}/edit"),
        web::post().to(save::<K>),
    )
    .route(
        &format!("{base}/{{version}}/submit"),
        web::post().to(draft_step::<K>),
    )
    .route(
        &format!("{base}/{{version}}/approve"),
        web::post().to(decide::<K>),
    )
    .route(
        &format!("{base}/{{version}}/return"),
        web::post().to(decide::<K>),
    )
    .route(
        &format!("{base}/{{version}}/revise"),
        web::post().to(draft_step::<K>),
    );
}

/// A read for a page of a kind, inside `Db::run`: what the page shows, for the user, of the
/// project and version(s) named by `A`.
pub type LoadFn<T, A> = fn(&mut DbConnection, &CurrentUser, A) -> Result<T, AppError>;

/// What a comparison asks for: the project, and the chosen pair of versions if any (without one,
/// the two newest).
pub type Comparing = (i64, Option<(i64, i64)>);

/// What a kind of document supplies to the shared pages: the version list with the current
/// version (`GET {base}`), one version (`GET {base}/{version}`) and the comparison of two
/// (`GET {base}/compare?from=&to=`), each a read and a render.
pub trait Pages: 'static {
    type Index: Send + 'static;
    type Version: Send + 'static;
    type Compared: Send + 'static;
    const INDEX: LoadFn<Self::Index, i64>;
    const VERSION: LoadFn<Self::Version, VersionId>;
    const COMPARED: LoadFn<Self::Compared, Comparing>;

    /// `done` names the step just taken, for the page's notice.
    fn index_markup(auth: &Auth, data: &Self::Index, done: &str) -> Markup;
    fn version_markup(auth: &Auth, data: &Self::Version, done: &str) -> Markup;
    fn compare_markup(auth: &Auth, data: &Self::Compared) -> Markup;
}

/// The pages of a kind below `base`. A kind registers routes whose last segment is a fixed name
/// (`new`) before these, since `{version}` would take it.
pub fn page_routes<K: Pages>(cfg: &mut web::ServiceConfig, base: &str) {
    cfg.route(base, web::get().to(index::<K>))
        .route(&format!("{base}/compare"), web::get().to(compare::<K>))
        .route(&format!("{base}/{{version}}"), web::get().to(show::<K>));
}

async fn index<K: Pages>(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<Markup, AppError> {
    let id = path_id(&path)?;
    let data = read(&state, &auth, move |conn, user| K::INDEX(conn, user, id)).await?;
    Ok(K::index_markup(&auth, &data, &query.done))
}

async fn show<K: Pages>(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<DoneQuery>,
) -> Result<Markup, AppError> {
    let version = version_id(&path)?;
    let data = read(&state, &auth, move |conn, user| {
        K::VERSION(conn, user, version)
    })
    .await?;
    Ok(K::version_markup(&auth, &data, &query.done))
}

async fn compare<K: Pages>(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<CompareQuery>,
) -> Result<Markup, AppError> {
    let id = path_id(&path)?;
    let chosen = query.chosen()?;
    let data = read(&state, &auth, move |conn, user| {
        K::COMPARED(conn, user, (id, chosen))
    })
    .await?;
    Ok(K::compare_markup(&auth, &data))
}

/// Reads what a page shows, for a user who may read projects.
async fn read<T: Send + 'static>(
    state: &AppState,
    auth: &Auth,
    load: impl FnOnce(&mut DbConnection, &CurrentUser) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    auth.user.require(Action::ViewProjects)?;
    let user = auth.user.clone();
    state.db.run(move |conn| load(conn, &user)).await
}

/// The project and version a path names; 404 for ids that are not numbers.
fn version_id(path: &(String, String)) -> Result<VersionId, AppError> {
    Ok(VersionId {
        project_id: path_id(&path.0)?,
        id: path_id(&path.1)?,
    })
}

fn answer<K: Steps>(
    auth: &Auth,
    outcome: Stepped<K::Page>,
    posted: Posted,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Outcome::Saved(path) => Ok(see_other(&path)),
        not => K::not_saved(auth, not, posted),
    }
}

/// `POST {base}/{version}/edit`: saves a draft's form under its lock version; a returned version
/// becomes a draft again.
async fn save<K: Steps>(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let version = version_id(&path)?;
    let user = auth.user.clone();
    let posted = pairs.clone();
    let outcome = state
        .db
        .write(move |conn| K::SAVE(conn, &user, version, &posted))
        .await?;
    answer::<K>(&auth, outcome, Posted::Draft(&pairs))
}

/// `POST {base}/{version}/submit` (a complete draft to the body that decides it) and
/// `POST {base}/{version}/revise` (a new version, drafted from the newest approved one).
async fn draft_step<K: Steps>(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    request: HttpRequest,
    _: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let version = version_id(&path)?;
    let step = if request.path().ends_with("/revise") {
        K::REVISE
    } else {
        K::SUBMIT
    };
    let user = auth.user.clone();
    let outcome = state
        .db
        .write(move |conn| step(conn, &user, version))
        .await?;
    answer::<K>(&auth, outcome, Posted::Nothing)
}

/// `POST {base}/{version}/approve` (fields `decided_on` and `text`, an optional comment) and
/// `POST {base}/{version}/return` (fields `decided_on` and `reason`, required): the decision on a
/// submitted version, of the body that decides it.
async fn decide<K: Steps>(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    request: HttpRequest,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let version = version_id(&path)?;
    let posted = DecisionPosted {
        returning: request.path().ends_with("/return"),
        form,
    };
    let user = auth.user.clone();
    let decision = posted.clone();
    let outcome = state
        .db
        .write(move |conn| K::DECIDE(conn, &user, version, &decision))
        .await?;
    answer::<K>(&auth, outcome, Posted::Decision(&posted))
}

/// The query of the redirect after a step: which step was done, for the page's notice.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    pub done: String,
}

/// The names a page gives the fields of its decision form.
#[derive(Debug, Clone, Copy)]
pub struct DecisionFields {
    pub decided_on: &'static str,
    pub text: &'static str,
    pub reason: &'static str,
}

/// Parses a posted decision with the domain's rules (a date neither in the future nor before
/// `floor`, a text, and a reason when `returning`), naming the errors by the page's field names.
pub fn parse_decision(
    form: &VerdictForm,
    returning: bool,
    today: NaiveDate,
    floor: Option<Floor>,
    fields: DecisionFields,
) -> Result<Verdict, FieldErrors> {
    parse_verdict(form, returning, today, floor).map_err(|refused| {
        let mut errors = FieldErrors::new();
        for (field, key) in refused {
            let name = match field {
                VerdictField::DecidedOn => fields.decided_on,
                VerdictField::Text => fields.text,
                VerdictField::Reason => fields.reason,
            };
            errors.add(name, key);
        }
        errors
    })
}

/// The two versions a comparison shows: the chosen ones, or without a choice the two newest
/// (`newest_first`), a single version with itself. `None` when there is no version.
pub fn compared_pair(chosen: Option<(i64, i64)>, newest_first: &[i64]) -> Option<(i64, i64)> {
    chosen.or_else(|| {
        let newest = *newest_first.first()?;
        Some((newest_first.get(1).copied().unwrap_or(newest), newest))
    })
}

/// A comparison as its page shows it: the project, the kind's versions for the picker, and the
/// two versions compared, if there is one.
pub struct Compared<V, D> {
    pub project: ProjectView,
    pub versions: Vec<V>,
    pub pair: Option<(D, D)>,
}

/// What a kind supplies to `load_compared`: its versions for the picker, which of them (newest
/// first) a comparison without a choice takes the two newest of, and one version by id (404 when
/// it is not the project's).
pub struct CompareSource<V, D> {
    pub versions: fn(&mut DbConnection, i64) -> QueryResult<Vec<V>>,
    pub candidates: fn(&[V]) -> Vec<i64>,
    pub find: fn(&mut DbConnection, i64, i64) -> Result<D, AppError>,
}

/// Reads a comparison for the user: the project (404/403 as any project page), its versions,
/// and the chosen pair or, without a choice, the two newest candidates (`compared_pair`).
pub fn load_compared<V, D>(
    conn: &mut DbConnection,
    user: &CurrentUser,
    (id, chosen): Comparing,
    source: &CompareSource<V, D>,
) -> Result<Compared<V, D>, AppError> {
    let project = ProjectAccess::load(conn, id, user)?.project;
    let versions = (source.versions)(conn, id)?;
    let pair = match compared_pair(chosen, &(source.candidates)(&versions)) {
        Some((from, to)) => Some(((source.find)(conn, id, from)?, (source.find)(conn, id, to)?)),
        None => None,
    };
    Ok(Compared {
        project,
        versions,
        pair,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_choice_the_two_newest_versions_are_compared() {
        assert_eq!(compared_pair(Some((1, 2)), &[5, 4]), Some((1, 2)));
        assert_eq!(compared_pair(None, &[5, 4, 3]), Some((4, 5)));
        assert_eq!(compared_pair(None, &[5]), Some((5, 5)));
        assert_eq!(compared_pair(None, &[]), None);
    }
}
