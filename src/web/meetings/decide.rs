//! `GET` and `POST /meetings/{id}/items/{item}/decisions`: a decision taken under an item, dated
//! the meeting's day and numbered in its body's series; a correction supersedes an earlier
//! decision of the same body, a decision may answer open escalations, and a closure of the
//! management group takes its project into maintenance through the lifecycle rules.

use actix_web::{HttpResponse, web};

use super::{
    FormStep, Refused, form_answer, form_page, ids, load_item_editable, repeated, single, someone,
};
use crate::db::DbConnection;
use crate::db::meetings::{self, ItemRow, MeetingDecision, choices};
use crate::domain::decision::{Body, TypedDecisionForm, parse_typed};
use crate::domain::status_report::EscalationTo;
use crate::domain::validation::{FieldErrors, optional_id};
use crate::error::AppError;
use crate::views::meetings::MeetingData;
use crate::views::meetings::forms::{DecisionChoices, decision_page};
use crate::web::AppState;
use crate::web::context::{Auth, CurrentUser};
use crate::web::forms::{CsrfForm, Outcome};

/// The decision form's page: the meeting, the item and what may be chosen.
struct Page {
    data: MeetingData,
    item: ItemRow,
    choices: DecisionChoices,
}

type Decided = FormStep<Page>;

fn short(text: &str) -> String {
    let mut short: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        short.push('…');
    }
    short
}

fn load_choices(conn: &mut DbConnection, data: &MeetingData) -> Result<DecisionChoices, AppError> {
    let meeting = &data.minutes.meeting;
    let to = match meeting.body() {
        Body::ManagementGroup => EscalationTo::ManagementGroup,
        Body::SteeringGroup => EscalationTo::SteeringGroup,
        Body::DevelopmentManager => EscalationTo::DevelopmentManager,
    };
    Ok(DecisionChoices {
        projects: choices::projects(conn)?
            .into_iter()
            .map(|(id, code, name)| (id.to_string(), format!("{code} {name}")))
            .collect(),
        supersedable: choices::decisions_of(conn, meeting)?
            .into_iter()
            .map(|d| {
                (
                    d.id.to_string(),
                    format!("{} {}", d.citation(), short(&d.text)),
                )
            })
            .collect(),
        escalations: choices::open_escalations(conn, to)?
            .into_iter()
            .filter(|(e, _)| meeting.project_id.is_none_or(|p| p == e.project_id))
            .map(|(e, code)| (e.id.to_string(), format!("{code}: {}", short(&e.text))))
            .collect(),
    })
}

fn page(
    conn: &mut DbConnection,
    id: i64,
    item_id: i64,
    user: &CurrentUser,
) -> Result<Result<Page, Refused>, AppError> {
    Ok(match load_item_editable(conn, id, item_id, user)? {
        Ok((data, item)) => Ok(Page {
            choices: load_choices(conn, &data)?,
            data,
            item,
        }),
        Err(refused) => Err(refused),
    })
}

pub(super) async fn form(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, item_id) = ids(&path)?;
    let user = auth.user.clone();
    let loaded = state
        .db
        .run(move |conn| page(conn, id, item_id, &user))
        .await?;
    form_page(&auth, loaded, |p| {
        let blank = TypedDecisionForm::default();
        decision_page(
            &auth.ctx,
            &p.data,
            &p.item,
            &p.choices,
            &blank,
            &FieldErrors::new(),
        )
    })
}

fn typed_form(pairs: &[(String, String)]) -> TypedDecisionForm {
    TypedDecisionForm {
        text: single(pairs, "text"),
        kind: single(pairs, "kind"),
        decided_by: single(pairs, "decided_by"),
        decided_on: String::new(),
        project: single(pairs, "project"),
        registry_number: single(pairs, "registry_number"),
        confidential_reason: single(pairs, "confidential_reason"),
        follow_up_by: single(pairs, "follow_up_by"),
        follow_up_on: single(pairs, "follow_up_on"),
        supersedes: single(pairs, "supersedes"),
        answers: repeated(pairs, "answers"),
    }
}

pub(super) async fn decide(
    auth: Auth,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (id, item_id) = ids(&path)?;
    let form = typed_form(&pairs);
    let posted = form.clone();
    let user = auth.user.clone();
    let decided: Decided = state
        .db
        .write(move |conn| {
            let page = match page(conn, id, item_id, &user)? {
                Ok(page) => page,
                Err(refused) => return Ok(Err(refused)),
            };
            record(conn, page, &form, &user)
        })
        .await?;
    form_answer(&auth, decided, |p, errors| {
        decision_page(&auth.ctx, &p.data, &p.item, &p.choices, &posted, errors)
    })
}

/// Parses and resolves the form, then records the decision; bad input leaves nothing saved.
fn record(
    conn: &mut DbConnection,
    page: Page,
    form: &TypedDecisionForm,
    user: &CurrentUser,
) -> Result<Decided, AppError> {
    let held_on = page.data.minutes.meeting.held_on;
    let (typed, mut errors) = match parse_typed(form, true, Some(held_on)) {
        Ok(typed) => (Some(typed), FieldErrors::new()),
        Err(errors) => (None, errors),
    };
    let people = &page.data.people;
    let decided_by = match form.decided_by.trim() {
        "" => errors.check("decided_by", Err("error-choose-person")),
        name => errors.check(
            "decided_by",
            someone(people, name).ok_or("error-unknown-user"),
        ),
    };
    let follow_up_by = match form.follow_up_by.trim() {
        "" => Some(None),
        name => errors
            .check(
                "follow_up_by",
                someone(people, name).ok_or("error-unknown-user"),
            )
            .map(|p| Some(p.id)),
    };
    let project = errors.check(
        "project",
        optional_id(&form.project).and_then(|id| match id {
            Some(id)
                if !page
                    .choices
                    .projects
                    .iter()
                    .any(|(p, _)| *p == id.to_string()) =>
            {
                Err("error-unknown-choice")
            }
            id => Ok(id),
        }),
    );
    let supersedes = errors.check("supersedes", optional_id(&form.supersedes));
    let answers: Option<Vec<i64>> = errors.check(
        "answers",
        form.answers
            .iter()
            .map(|a| a.trim().parse::<i64>().map_err(|_| "error-unknown-choice"))
            .collect(),
    );
    let (
        Some(typed),
        Some(decided_by),
        Some(follow_up_by),
        Some(project),
        Some(supersedes),
        Some(answers),
    ) = (
        typed,
        decided_by,
        follow_up_by,
        project,
        supersedes,
        answers,
    )
    else {
        return Ok(Ok(Outcome::Invalid(Box::new(page), errors)));
    };
    let decision = MeetingDecision {
        typed: &typed,
        decided_by: decided_by.id,
        project_id: project,
        supersedes,
        answers: &answers,
        follow_up_by,
    };
    let meeting_id = page.data.minutes.meeting.id;
    match meetings::record_decision(conn, meeting_id, page.item.id, &decision, user.id) {
        Ok(row) => Ok(Ok(Outcome::Saved(format!(
            "/meetings/{meeting_id}?saved=decision#decision-{}",
            row.id
        )))),
        Err(error) => {
            let Page {
                data,
                item,
                choices,
            } = page;
            match Refused::from_db(error, data)? {
                Refused::Invalid(data, errors) => Ok(Ok(Outcome::Invalid(
                    Box::new(Page {
                        data: *data,
                        item,
                        choices,
                    }),
                    errors,
                ))),
                conflict => Ok(Err(conflict)),
            }
        }
    }
}
