## the decision log (issue 9)
decision-kind-strategic = Strategic decision
decision-kind-economic = Economic decision
decision-kind-closure = Decision to close into maintenance
decision-kind-other = Other decision
decision-category-strategic = Strategic
decision-category-economic = Economic
decision-category-phase = Phase decision
decision-category-approval = Approval
decision-category-closure = Closure
decision-category-other = Other
error-choose-decision-kind = Choose what kind of decision it is.
error-decision-closure-in-meeting = A project is closed by a decision in a management group meeting.
error-follow-up-before-decision = The follow-up cannot come before the decision.
error-decided-by-not-member = The person deciding must be a member of the deciding body.
error-supersedes-other-body = A decision can only supersede a decision of the same body.
error-supersedes-superseded = That decision is already superseded by a later one.
