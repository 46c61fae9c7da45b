//! Who the user is to the project a route names: the one loader every project route calls, inside
//! its `Db::run` or `Db::write`, before it asks `domain::policy::may`.
//!
//! An unknown project is 404 before anything else is asked; an action the relation does not allow
//! is 403 (`require`).

use crate::db::projects::{self, ProjectView};
use crate::db::{DbConnection, steering};
use crate::domain::policy::{self, ProjectAction, ProjectRelation};
use crate::error::AppError;
use crate::web::context::CurrentUser;

/// A project and who the current user is to it.
#[derive(Debug, Clone)]
pub struct ProjectAccess {
    pub project: ProjectView,
    pub relation: ProjectRelation,
}

impl ProjectAccess {
    /// Loads the project (404 when there is none) and the user's relation to it.
    pub fn load(
        conn: &mut DbConnection,
        project_id: i64,
        user: &CurrentUser,
    ) -> Result<ProjectAccess, AppError> {
        let project = projects::find(conn, project_id)?.ok_or(AppError::NotFound)?;
        let steering = steering::role_of(conn, project_id, user.id)?;
        let relation = ProjectRelation {
            role: user.role,
            is_lead: project.project.project_lead_id == Some(user.id),
            is_commissioner: project.project.commissioner_id == Some(user.id),
            steering,
        };
        Ok(ProjectAccess { project, relation })
    }

    pub fn id(&self) -> i64 {
        self.project.project.id
    }

    pub fn may(&self, action: ProjectAction) -> bool {
        policy::may(&self.relation, action)
    }

    /// `Ok` when the relation allows `action`, `Forbidden` otherwise.
    pub fn require(&self, action: ProjectAction) -> Result<(), AppError> {
        if self.may(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether the project's record is closed (in maintenance or cancelled): it takes no changes.
    pub fn is_closed(&self) -> bool {
        self.project.project.phase().is_closed()
    }
}
