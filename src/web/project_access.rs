//! Who the user is to the project a route names: the one loader every project route calls, inside
//! its `Db::run` or `Db::write`, before it asks `domain::policy::may`.
//!
//! An unknown project is 404 before anything else is asked; an action the relation does not allow
//! is 403 (`require`).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::db::projects::{self, ProjectView};
use crate::db::{DbConnection, steering};
use crate::domain::policy::{self, Action, ProjectAction, ProjectRelation};
use crate::error::AppError;
use crate::web::context::{Auth, CurrentUser};
use crate::web::{AppState, path_id};

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

/// A route of one project (`/projects/{id}/…`): who asks, and the project's id as the path writes
/// it. Its `read` and `write` run a closure on a pooled connection with the id and the user, so a
/// handler need not clone them; the closure loads the project and the relation
/// (`ProjectAccess::load`) inside its own transaction.
pub struct ProjectRoute {
    pub auth: Auth,
    state: web::Data<AppState>,
    raw_id: String,
}

impl FromRequest for ProjectRoute {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<ProjectRoute, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let auth = Auth::from_request(req, payload);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let raw_id = req.match_info().get("id").unwrap_or_default().to_owned();
        Box::pin(async move {
            let auth = auth.await?;
            let state = state.ok_or_else(|| AppError::internal("the app has no state"))?;
            Ok(ProjectRoute {
                auth,
                state,
                raw_id,
            })
        })
    }
}

impl ProjectRoute {
    /// The project's id: 404 when the path's is not one. Asked for when the handler runs, after
    /// its other extractors (the CSRF check of a form comes first).
    pub fn id(&self) -> Result<i64, AppError> {
        path_id(&self.raw_id)
    }

    /// Reads what a page of the project shows, for a user who may read projects.
    pub async fn read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, i64, &CurrentUser) -> Result<T, AppError> + Send + 'static,
    {
        self.auth.user.require(Action::ViewProjects)?;
        let (id, user) = (self.id()?, self.auth.user.clone());
        self.state.db.run(move |conn| work(conn, id, &user)).await
    }

    /// Runs a change to the project as one transaction, in the writer's turn (`Db::write`).
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, i64, &CurrentUser) -> Result<T, AppError> + Send + 'static,
    {
        let (id, user) = (self.id()?, self.auth.user.clone());
        self.state.db.write(move |conn| work(conn, id, &user)).await
    }
}
