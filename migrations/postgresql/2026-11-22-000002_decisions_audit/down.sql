DROP TABLE audit_log;
DROP FUNCTION audit_log_never_shrinks();
DROP FUNCTION audit_log_never_changes();
DROP TABLE decisions;
DROP FUNCTION decisions_never_go();
DROP FUNCTION decisions_never_change();
DROP TABLE steering_group_members;
DROP TABLE settings;
