//! Administration: users, boards and units, and the settings. Administrators only. A file per
//! resource: `users.rs`, `units.rs` (boards too), `settings.rs`.

mod settings;
mod units;
mod users;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/users", web::get().to(users::users_list))
        .route("/admin/users", web::post().to(users::create_user))
        .route("/admin/users/new", web::get().to(users::new_user))
        .route("/admin/users/{id}", web::get().to(users::edit_user))
        .route("/admin/users/{id}", web::post().to(users::update_user))
        .route(
            "/admin/users/{id}/password",
            web::post().to(users::reset_password),
        )
        .route("/admin/units", web::get().to(units::units_list))
        .route("/admin/units", web::post().to(units::create_unit))
        .route("/admin/units/new", web::get().to(units::new_unit))
        .route("/admin/units/{id}", web::get().to(units::edit_unit))
        .route("/admin/units/{id}", web::post().to(units::update_unit))
        .route("/admin/boards", web::post().to(units::create_board))
        .route("/admin/boards/new", web::get().to(units::new_board))
        .route("/admin/boards/{id}", web::get().to(units::edit_board))
        .route("/admin/boards/{id}", web::post().to(units::update_board))
        .route("/admin/settings", web::get().to(settings::settings_page))
        .route("/admin/settings", web::post().to(settings::save_settings))
        .route(
            "/admin/settings/sessions",
            web::post().to(settings::save_session_settings),
        )
        .route(
            "/admin/settings/reports",
            web::post().to(settings::save_report_settings),
        );
}
