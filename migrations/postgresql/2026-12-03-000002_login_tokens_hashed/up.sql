-- A login's row is now found by the SHA-256 of the token its cookie carries, not by the token
-- (db::login_sessions): rows written before hold tokens, which no cookie finds any more. They are
-- deleted, so everybody logs in once more after this change.
DELETE FROM login_sessions;
