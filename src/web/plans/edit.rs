//! `GET /projects/{id}/plan/{pid}/edit`, a draft's form, and saving it (`POST`, through
//! `web::documents`).

use super::*;

/// The plan's content as the form shows it.
pub(super) fn form_of(content: &PlanContent, lock_version: i64) -> PlanForm {
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
    form.set(
        "time_tolerance_days",
        content.tolerances.time_days.to_string(),
    );
    form.set(
        "cost_tolerance_percent",
        content.tolerances.cost_percent.to_string(),
    );
    form
}

pub(super) async fn edit(
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

/// Saves a draft (`POST /projects/{id}/plan/{pid}/edit`) if it is still at its lock version; a
/// returned plan becomes a draft again.
pub(super) fn save(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
    pairs: &[(String, String)],
) -> Result<Changed<String>, AppError> {
    let (id, plan_id) = (version.project_id, version.id);
    let form = PlanForm::from_pairs(pairs);
    let lock_version = i64::from(parse_lock_version(form.get("lock_version")));
    let data = match load_for_draft(conn, user, id, plan_id, Step::Edit)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    let content = match domain::parse_draft(&form, &data.doc.directive.goal_ids()) {
        Ok(content) => content,
        Err(errors) => return Ok(Outcome::Invalid(data, errors)),
    };
    match plans::save(conn, &data.doc, lock_version, &content, user.id)? {
        Saved::Conflict => {
            let now = find_plan(conn, id, plan_id)?;
            Ok(Outcome::Conflict(
                Box::new(ShowData { doc: now, ..*data }),
                None,
            ))
        }
        Saved::Yes => Ok(Outcome::Saved(format!(
            "/projects/{id}/plan/{plan_id}?done=saved"
        ))),
    }
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
            ("time_tolerance_days", "21"),
            ("cost_tolerance_percent", "15"),
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
