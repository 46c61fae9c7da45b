//! The decision on a submitted directive version (`POST /projects/{id}/directive/{did}/approve`
//! and `.../return`, through `web::documents`).

use super::*;

/// Parses the posted decision, naming the errors by this page's field ids (the approval and return
/// forms share a page, so their ids differ).
pub(super) fn parse_decision(
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
pub(super) fn decide(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
    form: &DecisionPosted,
) -> Result<Changed, AppError> {
    let (id, did) = (version.project_id, version.id);
    let today = today();
    let data = load_version(conn, user, id, did)?;
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
        form,
        today,
        governance::floor_of(conn, id, data.directive.row.submitted_on)?,
    ) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(Outcome::Invalid(Box::new(data), errors)),
    };
    if documents::decide::<Directives>(conn, version, data.body, &verdict, user.id)?.is_none() {
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
}
