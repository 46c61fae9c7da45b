DROP TABLE audit_log;
DROP TABLE decisions;
DROP TABLE steering_group_members;
DROP TABLE settings;
