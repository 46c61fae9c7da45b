//! A project's page: its register entry, the phase timeline with every decision, its directive,
//! plan and steering group, and the form for phase decisions (`POST /projects/{id}/phase`).

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::governance::{self, VersionSummary};
use crate::db::projects::ProjectView;
use crate::db::{DbConnection, decisions, steering};
use crate::domain::decision::{Body, PhaseDecisionForm, parse_phase_decision};
use crate::domain::phase::{
    Phase, PhaseFacts, Refusal, check_phase_change, decision_floor, next_phases,
};
use crate::domain::policy::{self, Action, ProjectAction, ProjectEditScope, ProjectRelation};
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::project_page as view;
use crate::web::context::CurrentUser;
use crate::web::forms::{CsrfForm, Outcome, SavedQuery, invalid};
use crate::web::project_access::{ProjectAccess, ProjectRoute};
use crate::web::today;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/projects/{id}", web::get().to(show))
        .route("/projects/{id}/phase", web::post().to(decide_phase));
}

/// Everything the project page shows.
pub struct ProjectPage {
    pub project: ProjectView,
    pub decisions: Vec<(decisions::DecisionRow, String)>,
    pub members: Vec<steering::Member>,
    pub directives: Vec<VersionSummary>,
    pub plans: Vec<VersionSummary>,
    pub facts: PhaseFacts,
    /// Each phase the project may move to next, with the body that decides it or what is missing.
    pub next: Vec<(Phase, Result<Body, Vec<Refusal>>)>,
    pub edit_scope: Option<ProjectEditScope>,
    /// The user may record some decision on this project.
    pub may_decide: bool,
    pub may_view_audit: bool,
    /// Who the user is to the project.
    pub relation: ProjectRelation,
    /// The latest status reports and the escalations raised in them.
    pub reports: crate::views::reports::ReportSummary,
}

fn load_page(
    conn: &mut DbConnection,
    id: i64,
    user: &CurrentUser,
) -> Result<ProjectPage, AppError> {
    let access = ProjectAccess::load(conn, id, user)?;
    let reports = crate::web::reports::summary(conn, &access)?;
    let ProjectAccess { project, relation } = access;
    let facts = governance::phase_facts(conn, id, project.project.phase())?;
    let next = next_phases(facts.current)
        .iter()
        .map(|phase| (*phase, check_phase_change(&facts, *phase)))
        .collect();
    let (directives, plans) = governance::versions(conn, id)?;
    Ok(ProjectPage {
        decisions: decisions::for_project(conn, id)?,
        members: steering::members(conn, id)?,
        directives,
        plans,
        facts,
        next,
        edit_scope: policy::project_edit_scope(&relation),
        may_decide: policy::may_decide_any(&relation),
        relation,
        reports,
        may_view_audit: user.may(Action::ViewAudit),
        project,
    })
}

async fn show(route: ProjectRoute, query: web::Query<SavedQuery>) -> Result<Markup, AppError> {
    let auth = &route.auth;
    let page = route.read(load_page).await?;
    let form = PhaseDecisionForm {
        decided_on: today().to_string(),
        ..PhaseDecisionForm::default()
    };
    Ok(view::show(
        &auth.ctx,
        &page,
        &query.saved,
        &form,
        &FieldErrors::new(),
        &[],
    ))
}

/// The page again after a refused phase decision: the phase rules' refusals, and the body the
/// decision needs when the user does not represent it.
struct PhaseRefused {
    page: ProjectPage,
    refusals: Vec<Refusal>,
    wrong_body: Option<Body>,
}

impl PhaseRefused {
    fn new(page: ProjectPage) -> Box<PhaseRefused> {
        Box::new(PhaseRefused {
            page,
            refusals: Vec::new(),
            wrong_body: None,
        })
    }
}

/// A phase decision: checked against the phase table and the facts, recorded as a decision of the
/// body the table names, in one transaction with the project's new phase and the audit entries.
async fn decide_phase(
    route: ProjectRoute,
    CsrfForm(form): CsrfForm<PhaseDecisionForm>,
) -> Result<HttpResponse, AppError> {
    let (id, auth) = (route.id()?, &route.auth);
    let submitted = form.clone();
    let decided = route
        .write(move |conn, id, user| {
            let page = load_page(conn, id, user)?;
            if !page.may_decide {
                return Err(AppError::Forbidden);
            }
            let facts = page.facts;
            let input = match parse_phase_decision(&form, today(), |to| decision_floor(&facts, to))
            {
                Ok(input) => input,
                Err(errors) => return Ok(Outcome::Invalid(PhaseRefused::new(page), errors)),
            };
            let body = match check_phase_change(&page.facts, input.to) {
                Ok(body) => body,
                Err(refusals) => {
                    let refused = PhaseRefused {
                        refusals,
                        ..*PhaseRefused::new(page)
                    };
                    return Ok(Outcome::Invalid(Box::new(refused), FieldErrors::new()));
                }
            };
            if !policy::may(&page.relation, ProjectAction::DecideAs(body)) {
                let refused = PhaseRefused {
                    wrong_body: Some(body),
                    ..*PhaseRefused::new(page)
                };
                return Ok(Outcome::Invalid(Box::new(refused), FieldErrors::new()));
            }
            let from = page.facts.current;
            governance::record_phase_change(
                conn,
                page.project.project.id,
                from,
                &input,
                body,
                user.id,
            )?;
            Ok(Outcome::Saved(()))
        })
        .await?;
    match decided {
        Outcome::Saved(()) => Ok(see_other(&format!("/projects/{id}?saved=phase"))),
        Outcome::Invalid(refused, errors) => {
            let PhaseRefused {
                page,
                refusals,
                wrong_body,
            } = *refused;
            let mut messages: Vec<String> = refusals
                .iter()
                .map(|r| view::refusal_text(&auth.ctx, *r))
                .collect();
            if let Some(body) = wrong_body {
                messages.push(auth.ctx.t_args(
                    "phase-refused-body",
                    &[("body", auth.ctx.t(body.label_key()).into())],
                ));
            }
            Ok(invalid(view::show(
                &auth.ctx, &page, "", &submitted, &errors, &messages,
            )))
        }
        Outcome::Refused(..) | Outcome::Conflict(..) => Err(AppError::internal(
            "a phase decision is refused with its reasons",
        )),
    }
}
