-- Every login is a row: logging out deletes it, so a copy of the cookie is worthless afterwards,
-- and the server ends a login that has been idle or open for longer than the settings allow.
CREATE TABLE login_sessions (
    -- The random token the session cookie carries.
    id TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);

CREATE INDEX login_sessions_user_id ON login_sessions (user_id);
CREATE INDEX login_sessions_last_seen_at ON login_sessions (last_seen_at);
