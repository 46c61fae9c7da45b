## Styr – svensk katalog (standardspråk)

app-name = Styr
layout-skip-to-content = Hoppa till innehållet
layout-log-out = Logga ut
layout-in-english = In English
layout-in-swedish = På svenska
layout-footer-owner = Socialförvaltningen
nav-label = Huvudmeny
nav-projects = Projekt
nav-users = Användare
nav-units = Nämnder och enheter
nav-account = Mitt konto
language-sv = Svenska
language-en = Engelska (English)

common-yes = Ja
common-no = Nej
common-saved = Ändringarna är sparade.
common-edit = Ändra

form-save = Spara
form-cancel = Avbryt
form-choose = – Välj –
form-nobody = – Ingen –
form-date-hint = Skriv datumet som ÅÅÅÅ-MM-DD.
form-error-summary = Formuläret har fel som behöver rättas
form-conflict-title = Någon annan har sparat under tiden
form-conflict-text = Posten ändrades av någon annan efter att du öppnade formuläret. Ingenting av det du skrev är sparat. Dina uppgifter står kvar nedan: jämför med projektsidan och spara igen om de ska gälla.

error-required = Fyll i fältet.
error-too-long = Texten är för lång.
error-unknown-choice = Välj ett av alternativen i listan.
error-date = Skriv ett giltigt datum som ÅÅÅÅ-MM-DD.
error-end-before-start = Slutdatumet kan inte ligga före startdatumet.
error-amount = Skriv beloppet i hela kronor, med bara siffror.
error-negative-amount = Beloppet kan inte vara negativt.
error-amount-too-large = Beloppet är för stort.
error-choose-unit = Välj den enhet projektet hör till.
error-choose-board = Välj den nämnd enheten hör till.
error-project-code = Projektkoden ska ha 3–20 tecken: versaler, siffror och bindestreck, och börja med en bokstav (till exempel DIG-2026-011).
error-project-code-taken = Ett annat projekt har redan den koden.
error-username = Användarnamnet ska ha 2–32 tecken: gemena bokstäver a–z, siffror, punkt, bindestreck eller understreck.
error-username-taken = Användarnamnet är upptaget.
error-name-taken = Namnet används redan.
error-password-short = Lösenordet måste ha minst 12 tecken.
error-password-mismatch = Lösenorden stämmer inte överens.
error-password-unchanged = Det nya lösenordet måste skilja sig från det nuvarande.
error-current-password = Det nuvarande lösenordet stämmer inte.
error-deactivate-self = Du kan inte inaktivera ditt eget konto.
error-last-admin = Det måste finnas minst en aktiv administratör.

error-400-title = Felaktig begäran
error-400-text = Begäran kunde inte tolkas. Gå tillbaka och försök igen.
error-403-title = Åtkomst nekad
error-403-text = Du har inte behörighet till den här sidan eller åtgärden, eller så har formuläret blivit för gammalt. Ladda om sidan och försök igen.
error-404-title = Sidan finns inte
error-404-text = Sidan eller posten du söker finns inte. Den kan ha flyttats, eller så är adressen fel.
error-429-title = För många inloggningsförsök
error-429-text = Inloggningen är tillfälligt spärrad efter för många försök. Vänta några minuter och försök igen.
error-500-title = Något gick fel
error-500-text = Ett fel uppstod hos oss. Ingenting av det du gjorde kan räknas som sparat. Försök igen om en stund; kontakta administratören om felet finns kvar.
error-503-title = Tjänsten är inte tillgänglig
error-503-text = Styr kan inte nå sin databas just nu. Försök igen om en stund.
error-back-home = Till projektlistan

login-title = Logga in
login-intro = Logga in med ditt användarnamn och lösenord.
login-username = Användarnamn
login-password = Lösenord
login-submit = Logga in
login-failed = Fel användarnamn eller lösenord.

role-administrator = Administratör
role-management_group = Ledningsgruppsledamot
role-development_manager = Utvecklingschef
role-project_lead = Projektledare
role-reader = Läsare

phase-idea = Idé
phase-pre_study = Förstudie
phase-planning = Planering
phase-execution = Genomförande
phase-closing = Avslut
phase-maintenance = Förvaltning
phase-cancelled = Avbruten

projects-title = Projekt
projects-new = Nytt projekt
projects-search-label = Sök och filtrera projekt
projects-search = Sök på kod, namn eller beskrivning
projects-all-units = Alla enheter
projects-all-phases = Alla faser
projects-filter = Sök
projects-clear = Rensa
projects-count = { $count ->
    [one] 1 projekt
   *[other] { $count } projekt
}

project-code = Projektkod
project-code-hint = Till exempel DIG-2026-011.
project-name = Namn
project-description = Beskrivning
project-no-description = Ingen beskrivning ännu.
project-unit = Enhet
project-phase = Fas
project-lead = Projektledare
project-commissioner = Beställare
project-planned-start = Planerad start
project-planned-end = Planerat slut
project-budget = Budget
project-budget-hint = I hela kronor, till exempel 1 200 000.
project-edit = Ändra
project-edit-title = Ändra { $code }
project-saved = Projektet är sparat.
project-lead-may-edit-description = Som projektledare kan du hålla projektets beskrivning aktuell. Övriga uppgifter ändras av utvecklingschefen eller administratören.

users-title = Användare
users-new = Ny användare
users-edit-title = Användaren { $username }
users-reset-password = Återställ lösenord
users-reset-password-intro = Ange ett tillfälligt lösenord. Användaren loggas ut överallt och måste välja ett eget lösenord vid nästa inloggning.
users-password-reset-done = Lösenordet är återställt. Användaren måste byta det vid nästa inloggning.
user-username = Användarnamn
user-username-hint = Gemena bokstäver a–z, siffror, punkt, bindestreck eller understreck.
user-display-name = Namn
user-role = Roll
user-active = Aktiv
user-must-change-password = Måste byta lösenord
user-initial-password = Tillfälligt lösenord
user-initial-password-hint = Minst 12 tecken. Användaren byter det vid första inloggningen.
user-new-password = Nytt tillfälligt lösenord
user-password-confirmation = Upprepa lösenordet
password-rules = Minst 12 tecken. En fras av flera ord är lätt att minnas och svår att gissa.

units-title = Nämnder och enheter
units-new = Ny enhet
units-edit = Ändra enhet
units-none = Inga enheter ännu.
unit-name = Enhetens namn
unit-board = Nämnd
boards-new = Ny nämnd
boards-edit = Ändra nämnd
board-name = Nämndens namn

account-title = Mitt konto
account-password-heading = Lösenord
account-change-password = Byt lösenord
account-must-change = Du behöver välja ett eget lösenord innan du kan fortsätta.
account-current-password = Nuvarande lösenord
account-new-password = Nytt lösenord
account-new-password-confirmation = Upprepa det nya lösenordet
account-password-changed = Lösenordet är bytt. Andra inloggningar med ditt konto är utloggade.
account-language-heading = Språk
account-language-legend = Språk i Styr
account-language-saved = Språket är sparat.

accessibility-title = Tillgänglighetsredogörelse
accessibility-intro = Socialförvaltningen står bakom Styr och vill att alla ska kunna använda tjänsten. Här beskriver vi hur Styr uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem.
accessibility-status-heading = Hur tillgänglig är tjänsten?
accessibility-status = Styr är utformad för att uppfylla WCAG 2.1 på nivå AA, som lagen kräver. Varje sida kontrolleras automatiskt med verktyget axe-core innan en ny version tas i bruk.
accessibility-how-heading = Så är tjänsten byggd
accessibility-how-keyboard = Allt kan göras med tangentbord; en länk först på varje sida hoppar till innehållet.
accessibility-how-no-script = Inget kräver JavaScript, och sidorna fungerar med skärmläsare och förstoring.
accessibility-how-tested = Fält har etiketter, fel visas i text vid fältet och samlat överst, och färg bär aldrig ensam information.
accessibility-known-heading = Kända brister
accessibility-known = Vi känner inte till några brister just nu. Automatiska tester hittar inte allt; hör av dig om något inte fungerar för dig.
accessibility-report-heading = Rapportera ett problem
accessibility-report = Om du upplever problem med tillgängligheten, eller behöver innehåll i ett annat format, kontakta förvaltningens utvecklingschef eller Styrs administratör via kommunens växel. Vi svarar inom två veckor.
accessibility-supervision-heading = Tillsyn
accessibility-supervision = Myndigheten för digital förvaltning (Digg) har tillsyn över lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.
accessibility-updated = Redogörelsen uppdaterades senast den 22 november 2026.

## Styrning: beslut, styrgrupp, fasbeslut och logg

body-management_group = Ledningsgruppen
body-development_manager = Utvecklingschefen
body-steering_group = Styrgruppen
decision-kind-phase_change = Fasbeslut

phase-refused-ended = Ett projekt i fasen { $current } byter inte fas längre.
phase-refused-not-next = Ett projekt i fasen { $from } kan inte gå till { $to }.
phase-refused-pre-study-directive = Förstudie kräver ett godkänt förstudiedirektiv.
phase-refused-directive = Fasen kräver ett godkänt projektdirektiv.
phase-refused-plan = Genomförande kräver en godkänd projektplan för direktivets version { $version }.
phase-refused-closing-report = Avslut kräver en utkastad slutrapport.
phase-refused-closing-report-complete = Förvaltning kräver en slutrapport med utfall mot mål, slutlig kostnad, lärdomar och överlämning.
phase-refused-maintenance-owner = Förvaltning kräver en namngiven mottagande förvaltningsägare.
phase-refused-benefit-follow-up = Förvaltning kräver ett datum för uppföljning av nyttan.

steering-title = Styrgrupp för { $code }
steering-intro = Projektets lokala styrgrupp godkänner projektplanen och fattar projektets egna beslut. Ordföranden för in styrgruppens beslut.
steering-empty = Styrgruppen har inga ledamöter ännu.
steering-member = Person
steering-role = Roll i styrgruppen
steering-actions = Åtgärder
steering-add = Lägg till ledamot
steering-remove = Ta bort
steering-role-chair = Ordförande
steering-role-member = Ledamot
steering-role-co_opted = Adjungerad
error-choose-person = Välj en person.
error-already-member = Personen är redan med i styrgruppen.
error-one-chair = Styrgruppen har redan en ordförande.

audit-title = Logg över ändringar
audit-project-title = Logg över ändringar i { $code }
audit-intro = Varje skapande, ändring och beslut loggas med vem, när och värdena före och efter. Loggen kan inte ändras. De senaste 500 posterna visas.
audit-empty = Inget är loggat ännu.
audit-when = När
audit-who = Vem
audit-what = Vad
audit-record = Post
audit-values = Värden
audit-before = Före
audit-after = Efter
audit-project-link = projektets logg
audit-unknown = Okänt
audit-action-create = Skapade
audit-action-update = Ändrade
audit-action-decide = Beslutade
audit-action-add = Lade till
audit-action-remove = Tog bort
audit-entity-project = Projekt
audit-entity-user = Användare
audit-entity-board = Nämnd
audit-entity-unit = Enhet
audit-entity-decision = Beslut
audit-entity-steering_member = Styrgruppsledamot
form-conflict-saved-value = Sparat av någon annan under tiden:
form-conflict-saved-empty = (tomt)
decision-kind-directive_approved = Direktiv godkänt
decision-kind-directive_returned = Direktiv återsänt
decision-kind-plan_approved = Projektplan godkänd
decision-kind-plan_returned = Projektplan återsänd
status-draft = Utkast
status-submitted = Inskickad för beslut
status-approved = Godkänd
status-returned = Återsänd
document-refused-locked = En inskickad eller godkänd version ändras aldrig. Gör en ny version.
document-refused-not-submitted = Bara en inskickad version kan godkännas eller återsändas.
document-refused-not-approved = Bara en godkänd version kan revideras.
document-refused-already-submitted = Versionen är redan inskickad.
document-refused-newer-open = Det finns redan en nyare version.
