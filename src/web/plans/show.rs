//! What `GET /projects/{id}/plan` (the newest version, or what stands in for a plan) and
//! `GET /projects/{id}/plan/{pid}` (one version) read and show, through `web::documents`.

use super::*;

/// A project's plan, or what stands in for it.
pub(super) enum Pinned {
    Plan(Box<ShowData>),
    Empty(Box<EmptyData>),
}

/// A project without a plan.
pub(super) struct EmptyData {
    pub(super) project: ProjectView,
    pub(super) newest_directive: Option<i32>,
    pub(super) rights: Rights,
}

pub(super) fn load_pinned(
    conn: &mut DbConnection,
    user: &CurrentUser,
    id: i64,
) -> Result<Pinned, AppError> {
    let access = ProjectAccess::load(conn, id, user)?;
    match plans::newest(conn, id)? {
        Some(plan) => {
            let doc = plans::load_row(conn, plan)?;
            Ok(Pinned::Plan(Box::new(load_show(conn, user, access, doc)?)))
        }
        None => Ok(Pinned::Empty(Box::new(EmptyData {
            rights: shown(rights(&access), &access.project),
            newest_directive: plans::newest_approved_directive(conn, id)?.map(|d| d.version),
            project: access.project,
        }))),
    }
}

pub(super) fn render_pinned(auth: &Auth, pinned: &Pinned, message: Option<Message>) -> Markup {
    match pinned {
        Pinned::Plan(data) => render_show(
            auth,
            data,
            true,
            message,
            &default_decision(),
            &FieldErrors::new(),
        ),
        Pinned::Empty(data) => view::empty(
            &auth.ctx,
            &EmptyPage {
                project: &data.project,
                newest_directive: data.newest_directive,
                rights: data.rights,
                message,
            },
        ),
    }
}

pub(super) fn pinned_markup(auth: &Auth, pinned: &Pinned, done: &str) -> Markup {
    render_pinned(auth, pinned, notice(done))
}

pub(super) fn load_version(
    conn: &mut DbConnection,
    user: &CurrentUser,
    version: VersionId,
) -> Result<Box<ShowData>, AppError> {
    let access = ProjectAccess::load(conn, version.project_id, user)?;
    let doc = find_plan(conn, version.project_id, version.id)?;
    Ok(Box::new(load_show(conn, user, access, doc)?))
}

pub(super) fn version_markup(auth: &Auth, data: &ShowData, done: &str) -> Markup {
    render_show(
        auth,
        data,
        false,
        notice(done),
        &default_decision(),
        &FieldErrors::new(),
    )
}
