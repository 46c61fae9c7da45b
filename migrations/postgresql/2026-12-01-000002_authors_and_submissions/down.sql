ALTER TABLE plans DROP COLUMN submitted_on;
ALTER TABLE plans DROP COLUMN submitted_by;
ALTER TABLE plans DROP COLUMN edited_by;
ALTER TABLE directives DROP COLUMN submitted_on;
ALTER TABLE directives DROP COLUMN submitted_by;
ALTER TABLE directives DROP COLUMN edited_by;
