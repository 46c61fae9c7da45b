ALTER TABLE decisions DROP COLUMN meeting_id;
DROP TABLE steering_meetings;
