//! `GET /admin/sections` and `POST /admin/sections`: an administrator renames a section of a
//! body's minutes (its key kept, so the items under it stay) or adds one after the others.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::DbConnection;
use crate::db::meetings::sections;
use crate::domain::decision::Body;
use crate::domain::meeting::{BodySection, SectionForm, body_sections, parse_section};
use crate::domain::policy::Action;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::meetings::sections::{self as view, BODIES};
use crate::web::AppState;
use crate::web::context::Auth;
use crate::web::forms::{CsrfForm, Outcome, SavedQuery, invalid};

type Bodies = Vec<(Body, Vec<BodySection>)>;

fn load(conn: &mut DbConnection) -> Result<Bodies, AppError> {
    let stored = sections::all_bodies(conn)?;
    Ok(BODIES
        .iter()
        .map(|body| {
            let own: Vec<_> = stored
                .iter()
                .filter(|(b, _)| b == body.as_str())
                .map(|(_, s)| s.clone())
                .collect();
            (*body, body_sections(&own))
        })
        .collect())
}

pub(super) async fn list(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<SavedQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let bodies = state.db.run(load).await?;
    let form = SectionForm {
        body: Body::ManagementGroup.as_str().to_owned(),
        ..SectionForm::default()
    };
    let saved = !query.saved.is_empty();
    Ok(view::page(
        &auth.ctx,
        &bodies,
        &form,
        &FieldErrors::new(),
        saved,
    ))
}

pub(super) async fn save(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<SectionForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::AdministerSettings)?;
    let by = auth.user.id;
    let posted = form.clone();
    let outcome = state
        .db
        .write(move |conn| match parse_section(&form) {
            Ok(section) => {
                sections::save(conn, &section, by)?;
                Ok(Outcome::Saved(()))
            }
            Err(errors) => Ok(Outcome::Invalid(load(conn)?, errors)),
        })
        .await?;
    match outcome {
        Outcome::Saved(()) => Ok(see_other("/admin/sections?saved=1")),
        Outcome::Invalid(bodies, errors) => Ok(invalid(view::page(
            &auth.ctx, &bodies, &posted, &errors, false,
        ))),
        Outcome::Refused(..) | Outcome::Conflict(..) => {
            Err(AppError::internal("a section is refused as bad input"))
        }
    }
}
