ALTER TABLE decisions DROP COLUMN meeting_id;
DROP TABLE steering_meetings;
DROP FUNCTION steering_meetings_never_go();
DROP FUNCTION steering_meetings_never_change();
