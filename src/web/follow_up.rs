//! The monthly budget follow-up (månadsuppföljning): `GET /follow-up` (`year`, or `period` for one
//! month) for everyone logged in; `POST /follow-up` (`period`, `unit` or `board`, `budget`,
//! `forecast_deviation`, `comment`) records a month of one board or unit, for the development
//! manager, the management group and the administrator. Recording a month again replaces it; the
//! audit trail keeps what it was.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db::DbConnection;
use crate::db::follow_ups::{self, FollowUpRow, Recorded};
use crate::db::units;
use crate::domain::follow_up::{self, FollowUpForm, Months, Target, series, year_or};
use crate::domain::policy::Action;
use crate::domain::status_report::Period;
use crate::domain::validation::FieldErrors;
use crate::error::{AppError, see_other};
use crate::views::follow_up::{self as view, FollowUpPage, FormView, Line};
use crate::web::context::{Auth, Ctx};
use crate::web::forms::{CsrfForm, invalid};
use crate::web::{AppState, today};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/follow-up", web::get().to(show))
        .route("/follow-up", web::post().to(record));
}

#[derive(Debug, serde::Deserialize, Default)]
#[serde(default)]
struct FollowUpQuery {
    year: String,
    period: String,
    saved: String,
}

/// What the page is drawn from: the year's follow-ups, the years that have any, the units and boards.
struct Loaded {
    rows: Vec<FollowUpRow>,
    years: Vec<i32>,
    units: Vec<units::Unit>,
    boards: Vec<units::Board>,
}

fn load(conn: &mut DbConnection, year: i32) -> Result<Loaded, AppError> {
    Ok(Loaded {
        rows: follow_ups::of_year(conn, year)?,
        years: follow_ups::years(conn)?,
        units: units::units(conn)?,
        boards: units::boards(conn)?,
    })
}

/// A board's or unit's name as the page writes it.
fn name_of(ctx: &Ctx, loaded: &Loaded, target: Option<Target>) -> String {
    let found = match target {
        Some(Target::Unit(id)) => loaded
            .units
            .iter()
            .find(|u| u.id == id)
            .map(|u| ("follow-up-unit-name", u.name.clone())),
        Some(Target::Board(id)) => loaded
            .boards
            .iter()
            .find(|b| b.id == id)
            .map(|b| ("follow-up-board-name", b.name.clone())),
        None => None,
    };
    match found {
        Some((key, name)) => ctx.t_args(key, &[("name", name.into())]),
        None => "–".into(),
    }
}

/// Renders the page of `year` (one month of it when `period` is given) from what was loaded.
fn render(
    ctx: &Ctx,
    loaded: &Loaded,
    year: i32,
    period: Option<Period>,
    form: Option<(&FollowUpForm, &FieldErrors)>,
    saved: Option<Recorded>,
) -> Markup {
    let all: Vec<Line> = loaded
        .rows
        .iter()
        .filter_map(|row| {
            Some(Line {
                period: Period::parse(&row.period).ok()?,
                target: row.target()?,
                name: name_of(ctx, loaded, row.target()),
                budget: row.budget,
                forecast_deviation: row.forecast_deviation,
                comment: row.comment.clone(),
            })
        })
        .collect();
    let lines_series: Vec<(String, Months)> = series(
        all.iter()
            .map(|l| (l.name.clone(), l.period, l.forecast_deviation)),
        year,
    );
    let mut lines: Vec<Line> = all
        .into_iter()
        .filter(|l| period.is_none_or(|p| p == l.period))
        .collect();
    lines.sort_by(|a, b| (a.period, &a.name).cmp(&(b.period, &b.name)));
    let mut years = loaded.years.clone();
    years.extend([
        year,
        crate::domain::status_report::Period::of(today()).year(),
    ]);
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let unit_options: Vec<(i64, String)> = loaded
        .units
        .iter()
        .map(|u| (u.id, format!("{} ({})", u.name, u.board_name)))
        .collect();
    let board_options: Vec<(i64, String)> = loaded
        .boards
        .iter()
        .map(|b| (b.id, b.name.clone()))
        .collect();
    let blank = FollowUpForm {
        period: period.unwrap_or_else(|| Period::of(today())).to_string(),
        ..FollowUpForm::default()
    };
    let no_errors = FieldErrors::new();
    let may_record = ctx.may(Action::RecordFollowUp);
    let form = may_record.then(|| {
        let (form, errors) = form.unwrap_or((&blank, &no_errors));
        FormView {
            form,
            errors,
            units: &unit_options,
            boards: &board_options,
        }
    });
    view::page_markup(
        ctx,
        &FollowUpPage {
            year,
            years: &years,
            period,
            lines: &lines,
            series: &lines_series,
            form,
            saved,
        },
    )
}

async fn show(
    auth: Auth,
    state: web::Data<AppState>,
    query: web::Query<FollowUpQuery>,
) -> Result<Markup, AppError> {
    auth.user.require(Action::ViewProjects)?;
    // A month asked for shows that month of its year; anything else that is no month is a
    // bookmark gone stale, and the year is shown.
    let period = Period::parse(&query.period).ok();
    let year = period.map_or_else(
        || year_or(&query.year, Period::of(today()).year()),
        Period::year,
    );
    let saved = match query.saved.as_str() {
        "created" => Some(Recorded::Created),
        "replaced" => Some(Recorded::Replaced),
        _ => None,
    };
    let loaded = state.db.run(move |conn| load(conn, year)).await?;
    Ok(render(&auth.ctx, &loaded, year, period, None, saved))
}

/// What a post ended in.
enum Posted {
    Saved(Period, Recorded),
    Invalid(Loaded, i32, FieldErrors),
}

/// Checks and records the form inside the write's transaction; an unknown unit or board is an
/// error beside its field, and nothing is saved.
fn record_in(conn: &mut DbConnection, form: &FollowUpForm, user: i64) -> Result<Posted, AppError> {
    let today = today();
    let year_of_form = Period::parse(&form.period).map_or(Period::of(today).year(), Period::year);
    let mut parsed = follow_up::parse(form, today);
    if let Ok(input) = &parsed {
        let known = match input.target {
            Target::Unit(id) => units::unit(conn, id)?.is_some(),
            Target::Board(id) => units::board(conn, id)?.is_some(),
        };
        if !known {
            let mut errors = FieldErrors::new();
            let field = match input.target {
                Target::Unit(_) => "unit",
                Target::Board(_) => "board",
            };
            errors.add(field, "error-unknown-choice");
            parsed = Err(errors);
        }
    }
    match parsed {
        Ok(input) => {
            let recorded = follow_ups::record(conn, &input, user)?;
            Ok(Posted::Saved(input.period, recorded))
        }
        Err(errors) => Ok(Posted::Invalid(
            load(conn, year_of_form)?,
            year_of_form,
            errors,
        )),
    }
}

async fn record(
    auth: Auth,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<FollowUpForm>,
) -> Result<HttpResponse, AppError> {
    auth.user.require(Action::RecordFollowUp)?;
    let user = auth.user.id;
    let typed = form.clone();
    let posted = state
        .db
        .write(move |conn| record_in(conn, &form, user))
        .await?;
    match posted {
        Posted::Saved(period, recorded) => {
            let saved = match recorded {
                Recorded::Created => "created",
                Recorded::Replaced => "replaced",
            };
            Ok(see_other(&format!(
                "/follow-up?period={period}&saved={saved}"
            )))
        }
        Posted::Invalid(loaded, year, errors) => Ok(invalid(render(
            &auth.ctx,
            &loaded,
            year,
            None,
            Some((&typed, &errors)),
            None,
        ))),
    }
}
