## meetings (issue 9: the rules so far; the pages come later)
meeting-section-strategic = Strategic matters
meeting-section-goals = Goals and results follow-up
meeting-section-organisation = Organisation and work environment
meeting-section-collaboration = Collaboration and horizon scanning
meeting-section-other = Other business
error-meeting-section = Choose one of the sections of the minutes.
meeting-refused-not-planned = Only a planned meeting can be held.
meeting-refused-not-held = The minutes can be adjusted only once the meeting has been held.
meeting-refused-locked = The minutes are adjusted and locked. They never change.
meeting-refused-signed = You have already adjusted the minutes.
error-meeting-adjuster-is-chair = The adjuster cannot be the chair.
error-meeting-not-member = Only the body's members can be recorded as present.
error-action-state = Choose done or cancelled.
action-refused-closed = The action item is already closed.
error-action-cancel-reason = Say why the action item is cancelled.
