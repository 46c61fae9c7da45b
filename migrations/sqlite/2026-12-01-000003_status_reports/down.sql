DROP TABLE rollups;
DROP TABLE report_reviews;
DROP TABLE escalations;
DROP TABLE report_milestones;
DROP TABLE status_reports;
ALTER TABLE plans DROP COLUMN cost_tolerance_percent;
ALTER TABLE plans DROP COLUMN time_tolerance_days;
