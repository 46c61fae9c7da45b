## meetings (issue 9: the rules so far; the pages come later)
meeting-section-strategic = Strategiska verksamhetsfrågor
meeting-section-goals = Mål och resultatuppföljning
meeting-section-organisation = Organisation och arbetsmiljö
meeting-section-collaboration = Samverkan och omvärldsspaning
meeting-section-other = Övrigt
error-meeting-section = Välj en av protokollets avdelningar.
meeting-refused-not-planned = Bara ett planerat möte kan hållas.
meeting-refused-not-held = Protokollet kan justeras först när mötet är hållet.
meeting-refused-locked = Protokollet är justerat och låst. Det ändras aldrig.
meeting-refused-signed = Du har redan justerat protokollet.
error-meeting-adjuster-is-chair = Justeraren kan inte vara ordföranden.
error-meeting-not-member = Bara organets ledamöter kan föras upp som närvarande.
error-action-state = Välj klar eller struken.
action-refused-closed = Åtgärden är redan avslutad.
error-action-cancel-reason = Skriv varför åtgärden stryks.
