//! The tables, kept by hand in types that SQLite and PostgreSQL share.

diesel::table! {
    boards (id) {
        id -> BigInt,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    units (id) {
        id -> BigInt,
        board_id -> BigInt,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        display_name -> Text,
        role -> Text,
        password_hash -> Text,
        must_change_password -> Bool,
        active -> Bool,
        language -> Nullable<Text>,
        session_generation -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    projects (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        description -> Text,
        unit_id -> BigInt,
        phase -> Text,
        project_lead_id -> Nullable<BigInt>,
        commissioner_id -> Nullable<BigInt>,
        planned_start -> Nullable<Date>,
        planned_end -> Nullable<Date>,
        budget_sek -> Nullable<BigInt>,
        lock_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    data_generation (id) {
        id -> Integer,
        value -> BigInt,
    }
}

diesel::table! {
    throttle_keys (key) {
        key -> Text,
        refilled_at -> Timestamp,
    }
}

diesel::joinable!(units -> boards (board_id));
diesel::joinable!(projects -> units (unit_id));

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    steering_group_members (id) {
        id -> BigInt,
        project_id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    decisions (id) {
        id -> BigInt,
        body -> Text,
        numbering_key -> Text,
        year -> Integer,
        number -> Integer,
        decided_on -> Date,
        kind -> Text,
        text -> Text,
        project_id -> Nullable<BigInt>,
        phase_from -> Nullable<Text>,
        phase_to -> Nullable<Text>,
        recorded_by -> BigInt,
        created_at -> Timestamp,
        meeting_id -> Nullable<BigInt>,
        decided_by -> Nullable<BigInt>,
        delegated -> Bool,
        item_id -> Nullable<BigInt>,
        registry_number -> Nullable<Text>,
        confidential_reason -> Nullable<Text>,
        follow_up_by -> Nullable<BigInt>,
        follow_up_on -> Nullable<Date>,
        supersedes -> Nullable<BigInt>,
    }
}

diesel::table! {
    steering_meetings (id) {
        id -> BigInt,
        project_id -> BigInt,
        held_on -> Date,
        attendees -> Text,
        notes -> Text,
        recorded_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        user_id -> Nullable<BigInt>,
        action -> Text,
        entity -> Text,
        entity_id -> BigInt,
        project_id -> Nullable<BigInt>,
        before -> Nullable<Text>,
        after -> Nullable<Text>,
    }
}

diesel::table! {
    directives (id) {
        id -> BigInt,
        project_id -> BigInt,
        kind -> Text,
        version -> Integer,
        status -> Text,
        background -> Text,
        purpose -> Text,
        scope -> Text,
        out_of_scope -> Text,
        deliverables -> Text,
        time_frame_start -> Nullable<Date>,
        time_frame_end -> Nullable<Date>,
        budget_frame_sek -> Nullable<BigInt>,
        resources -> Text,
        dependencies -> Text,
        strategic -> Bool,
        personal_data -> Bool,
        sensitive_personal_data -> Bool,
        dpia_needed -> Bool,
        osl_confidentiality -> Bool,
        legal_notes -> Text,
        approving_body -> Nullable<Text>,
        return_reason -> Nullable<Text>,
        decision_id -> Nullable<BigInt>,
        lock_version -> BigInt,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        edited_by -> Nullable<BigInt>,
        submitted_by -> Nullable<BigInt>,
        submitted_on -> Nullable<Date>,
    }
}

diesel::table! {
    directive_goals (id) {
        id -> BigInt,
        directive_id -> BigInt,
        position -> Integer,
        text -> Text,
    }
}

diesel::table! {
    plans (id) {
        id -> BigInt,
        project_id -> BigInt,
        version -> Integer,
        directive_id -> BigInt,
        status -> Text,
        communication -> Text,
        handover_owner -> Text,
        maintenance_object -> Text,
        over_frame_reason -> Text,
        return_reason -> Nullable<Text>,
        decision_id -> Nullable<BigInt>,
        lock_version -> BigInt,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        edited_by -> Nullable<BigInt>,
        submitted_by -> Nullable<BigInt>,
        submitted_on -> Nullable<Date>,
        time_tolerance_days -> Integer,
        cost_tolerance_percent -> Integer,
    }
}

diesel::table! {
    plan_goal_answers (id) {
        id -> BigInt,
        plan_id -> BigInt,
        goal_id -> BigInt,
        answer -> Text,
    }
}

diesel::table! {
    plan_milestones (id) {
        id -> BigInt,
        plan_id -> BigInt,
        position -> Integer,
        name -> Text,
        planned_on -> Date,
        actual_on -> Nullable<Date>,
    }
}

diesel::table! {
    plan_budget_lines (id) {
        id -> BigInt,
        plan_id -> BigInt,
        position -> Integer,
        year -> Integer,
        category -> Text,
        amount_sek -> BigInt,
    }
}

diesel::table! {
    plan_risks (id) {
        id -> BigInt,
        plan_id -> BigInt,
        position -> Integer,
        description -> Text,
        probability -> Integer,
        consequence -> Integer,
        mitigation -> Text,
        owner -> Text,
    }
}

diesel::table! {
    plan_benefits (id) {
        id -> BigInt,
        plan_id -> BigInt,
        position -> Integer,
        indicator -> Text,
        baseline -> Text,
        target -> Text,
        measured_on -> Nullable<Date>,
        owner -> Text,
    }
}

diesel::table! {
    closing_reports (id) {
        id -> BigInt,
        project_id -> BigInt,
        outcome -> Text,
        final_cost_sek -> Nullable<BigInt>,
        lessons -> Text,
        handover -> Text,
        maintenance_owner_id -> Nullable<BigInt>,
        benefit_follow_up_on -> Nullable<Date>,
        lock_version -> BigInt,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(steering_group_members -> projects (project_id));
diesel::joinable!(steering_group_members -> users (user_id));
diesel::joinable!(decisions -> users (recorded_by));
diesel::joinable!(audit_log -> users (user_id));

diesel::joinable!(directive_goals -> directives (directive_id));
diesel::joinable!(plan_goal_answers -> plans (plan_id));
diesel::joinable!(plan_goal_answers -> directive_goals (goal_id));
diesel::joinable!(plan_milestones -> plans (plan_id));
diesel::joinable!(plan_budget_lines -> plans (plan_id));
diesel::joinable!(plan_risks -> plans (plan_id));
diesel::joinable!(plan_benefits -> plans (plan_id));
diesel::joinable!(plans -> directives (directive_id));
diesel::joinable!(steering_meetings -> users (recorded_by));

diesel::table! {
    login_sessions (id) {
        id -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::joinable!(login_sessions -> users (user_id));

diesel::table! {
    status_reports (id) {
        id -> BigInt,
        project_id -> BigInt,
        period -> Text,
        version -> Integer,
        status -> Text,
        overall -> Nullable<Text>,
        overall_comment -> Text,
        time_light -> Nullable<Text>,
        time_comment -> Text,
        cost_light -> Nullable<Text>,
        cost_comment -> Text,
        scope_light -> Nullable<Text>,
        scope_comment -> Text,
        resources_light -> Nullable<Text>,
        resources_comment -> Text,
        risk_light -> Nullable<Text>,
        risk_comment -> Text,
        done -> Text,
        next_steps -> Text,
        risks -> Text,
        cost_to_date_sek -> Nullable<BigInt>,
        forecast_sek -> Nullable<BigInt>,
        exception -> Bool,
        plan_id -> Nullable<BigInt>,
        revision_reason -> Nullable<Text>,
        lock_version -> BigInt,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        edited_by -> Nullable<BigInt>,
        submitted_by -> Nullable<BigInt>,
        submitted_on -> Nullable<Date>,
    }
}

diesel::table! {
    report_milestones (id) {
        id -> BigInt,
        report_id -> BigInt,
        milestone_id -> BigInt,
        actual_on -> Nullable<Date>,
        forecast_on -> Nullable<Date>,
    }
}

diesel::table! {
    escalations (id) {
        id -> BigInt,
        report_id -> BigInt,
        project_id -> BigInt,
        text -> Text,
        kind -> Text,
        addressed_to -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        answered_by_decision_id -> Nullable<BigInt>,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    report_reviews (report_id) {
        report_id -> BigInt,
        reviewed_by -> BigInt,
        reviewed_at -> Timestamp,
        comment -> Text,
    }
}

diesel::table! {
    rollups (id) {
        id -> BigInt,
        period -> Text,
        issued_by -> BigInt,
        issued_at -> Timestamp,
        content -> Text,
    }
}

diesel::table! {
    meetings (id) {
        id -> BigInt,
        body -> Text,
        project_id -> Nullable<BigInt>,
        held_on -> Date,
        starts_at -> Text,
        place -> Text,
        chair_id -> BigInt,
        secretary_id -> BigInt,
        adjuster_id -> BigInt,
        state -> Text,
        attendance_taken -> Bool,
        chair_signed_at -> Nullable<Timestamp>,
        adjuster_signed_at -> Nullable<Timestamp>,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    meeting_attendance (meeting_id, user_id) {
        meeting_id -> BigInt,
        user_id -> BigInt,
        present -> Bool,
    }
}

diesel::table! {
    meeting_items (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        section -> Text,
        position -> Integer,
        title -> Text,
        notes -> Text,
        presenter_id -> Nullable<BigInt>,
        project_id -> Nullable<BigInt>,
        report_id -> Nullable<BigInt>,
        escalation_id -> Nullable<BigInt>,
        rollup_id -> Nullable<BigInt>,
        action_item_id -> Nullable<BigInt>,
        follow_up_period -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    action_items (id) {
        id -> BigInt,
        text -> Text,
        due_on -> Date,
        state -> Text,
        comment -> Text,
        item_id -> Nullable<BigInt>,
        decision_id -> Nullable<BigInt>,
        created_by -> BigInt,
        created_at -> Timestamp,
        closed_by -> Nullable<BigInt>,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    action_item_owners (action_item_id, user_id) {
        action_item_id -> BigInt,
        user_id -> BigInt,
    }
}

diesel::table! {
    decision_projects (decision_id, project_id) {
        decision_id -> BigInt,
        project_id -> BigInt,
    }
}

diesel::table! {
    follow_ups (id) {
        id -> BigInt,
        period -> Text,
        board_id -> Nullable<BigInt>,
        unit_id -> Nullable<BigInt>,
        budget -> BigInt,
        forecast_deviation -> BigInt,
        comment -> Text,
        recorded_by -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    meeting_sections (body, key) {
        body -> Text,
        key -> Text,
        position -> Integer,
        label_sv -> Text,
        label_en -> Text,
    }
}

diesel::joinable!(meeting_items -> meetings (meeting_id));
diesel::joinable!(meeting_attendance -> meetings (meeting_id));
diesel::joinable!(action_item_owners -> action_items (action_item_id));
diesel::joinable!(decision_projects -> decisions (decision_id));
diesel::joinable!(status_reports -> projects (project_id));
diesel::joinable!(report_milestones -> status_reports (report_id));
diesel::joinable!(report_milestones -> plan_milestones (milestone_id));
diesel::joinable!(escalations -> status_reports (report_id));
diesel::joinable!(report_reviews -> status_reports (report_id));

diesel::allow_tables_to_appear_in_same_query!(
    login_sessions,
    boards,
    units,
    users,
    projects,
    settings,
    steering_group_members,
    decisions,
    audit_log,
    directives,
    directive_goals,
    plans,
    plan_goal_answers,
    plan_milestones,
    plan_budget_lines,
    plan_risks,
    plan_benefits,
    closing_reports,
    steering_meetings,
    status_reports,
    report_milestones,
    escalations,
    report_reviews,
    rollups,
    meetings,
    meeting_attendance,
    meeting_items,
    action_items,
    action_item_owners,
    decision_projects,
    follow_ups,
    meeting_sections
);
