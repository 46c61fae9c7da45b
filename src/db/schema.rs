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

diesel::joinable!(steering_group_members -> projects (project_id));
diesel::joinable!(steering_group_members -> users (user_id));
diesel::joinable!(decisions -> users (recorded_by));
diesel::joinable!(audit_log -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    boards,
    units,
    users,
    projects,
    settings,
    steering_group_members,
    decisions,
    audit_log
);
