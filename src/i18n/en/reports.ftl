## reports
report-refused-submitted = A submitted report never changes. Correct it by revising it.
report-refused-not-submitted = Only a submitted report can be reviewed or revised.
report-refused-newer = There is already a newer version of the report.
report-refused-reviewed = The report has already been reviewed.
escalation-refused-answered = The escalation has already been answered.
escalation-refused-body = The decision was not made by the body the escalation is addressed to.
escalation-refused-project = The decision is about another project.
escalation-refused-earlier = The decision was made before the escalation was submitted.
error-actual-in-future = An actual date cannot be in the future.
