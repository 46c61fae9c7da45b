## the decision log (issue 9)
decision-kind-strategic = Strategiskt beslut
decision-kind-economic = Ekonomiskt beslut
decision-kind-closure = Beslut om avslut till förvaltning
decision-kind-other = Övrigt beslut
decision-category-strategic = Strategiskt
decision-category-economic = Ekonomiskt
decision-category-phase = Fasbeslut
decision-category-approval = Godkännande
decision-category-closure = Avslut
decision-category-other = Övrigt
error-choose-decision-kind = Välj vilket slags beslut det är.
error-decision-closure-in-meeting = Ett projekt avslutas genom beslut i ledningsgruppens möte.
error-follow-up-before-decision = Uppföljningen kan inte ligga före beslutet.
error-decided-by-not-member = Den som beslutar måste vara ledamot i det beslutande organet.
error-supersedes-other-body = Ett beslut kan bara ersätta ett beslut av samma organ.
error-supersedes-superseded = Det beslutet är redan ersatt av ett senare beslut.
