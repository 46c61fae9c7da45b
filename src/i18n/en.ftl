## Styr – English catalog

app-name = Styr
layout-skip-to-content = Skip to content
layout-log-out = Log out
layout-in-english = In English
layout-in-swedish = På svenska
layout-footer-owner = Social services administration
nav-label = Main menu
nav-projects = Projects
nav-users = Users
nav-units = Boards and units
nav-account = My account
language-sv = Swedish (svenska)
language-en = English

common-yes = Yes
common-no = No
common-saved = The changes are saved.
common-edit = Edit

form-save = Save
form-cancel = Cancel
form-choose = – Choose –
form-nobody = – Nobody –
form-date-hint = Write the date as YYYY-MM-DD.
form-error-summary = The form has errors to correct
form-conflict-title = Someone else saved in the meantime
form-conflict-text = The entry was changed by someone else after you opened the form. Nothing you wrote has been saved. Your values are kept below: compare them with the project page and save again if they should stand.

error-required = Fill in this field.
error-too-long = The text is too long.
error-unknown-choice = Choose one of the options in the list.
error-date = Write a valid date as YYYY-MM-DD.
error-end-before-start = The end date cannot come before the start date.
error-amount = Write the amount in whole kronor, digits only.
error-negative-amount = The amount cannot be negative.
error-amount-too-large = The amount is too large.
error-choose-unit = Choose the unit the project belongs to.
error-choose-board = Choose the board the unit serves.
error-project-code = The project code has 3–20 characters: capital letters, digits and hyphens, starting with a letter (for example DIG-2026-011).
error-project-code-taken = Another project already has that code.
error-username = The username has 2–32 characters: lowercase letters a–z, digits, dot, hyphen or underscore.
error-username-taken = The username is taken.
error-name-taken = The name is already in use.
error-password-short = The password must have at least 12 characters.
error-password-mismatch = The passwords do not match.
error-password-unchanged = The new password must differ from the current one.
error-current-password = The current password is not right.
error-deactivate-self = You cannot deactivate your own account.
error-last-admin = There must be at least one active administrator.

error-400-title = Bad request
error-400-text = The request could not be understood. Go back and try again.
error-403-title = Access denied
error-403-text = You are not allowed to see this page or do this, or the form has grown too old. Reload the page and try again.
error-404-title = Page not found
error-404-text = The page or record you are looking for does not exist. It may have moved, or the address is wrong.
error-429-title = Too many login attempts
error-429-text = Logging in is blocked for a while after too many attempts. Wait a few minutes and try again.
error-500-title = Something went wrong
error-500-text = An error occurred on our side. Nothing you did can be taken as saved. Try again in a while; contact the administrator if the error persists.
error-503-title = Service unavailable
error-503-text = Styr cannot reach its database right now. Try again in a while.
error-back-home = To the project list

login-title = Log in
login-intro = Log in with your username and password.
login-username = Username
login-password = Password
login-submit = Log in
login-failed = Wrong username or password.

role-administrator = Administrator
role-management_group = Management group member
role-development_manager = Development manager
role-project_lead = Project lead
role-reader = Reader

phase-idea = Idea
phase-pre_study = Pre-study
phase-planning = Planning
phase-execution = Execution
phase-closing = Closing
phase-maintenance = In maintenance
phase-cancelled = Cancelled

projects-title = Projects
projects-new = New project
projects-search-label = Search and filter projects
projects-search = Search by code, name or description
projects-all-units = All units
projects-all-phases = All phases
projects-filter = Search
projects-clear = Clear
projects-count = { $count ->
    [one] 1 project
   *[other] { $count } projects
}

project-code = Project code
project-code-hint = For example DIG-2026-011.
project-name = Name
project-description = Description
project-no-description = No description yet.
project-unit = Unit
project-phase = Phase
project-lead = Project lead
project-commissioner = Commissioner
project-planned-start = Planned start
project-planned-end = Planned end
project-budget = Budget
project-budget-hint = In whole kronor, for example 1 200 000.
project-edit = Edit
project-edit-title = Edit { $code }
project-saved = The project is saved.
project-lead-may-edit-description = As project lead you can keep the project's description up to date. The other details are changed by the development manager or the administrator.

users-title = Users
users-new = New user
users-edit-title = User { $username }
users-reset-password = Reset password
users-reset-password-intro = Give a temporary password. The user is logged out everywhere and must choose their own password at next login.
users-password-reset-done = The password is reset. The user must change it at next login.
user-username = Username
user-username-hint = Lowercase letters a–z, digits, dot, hyphen or underscore.
user-display-name = Name
user-role = Role
user-active = Active
user-must-change-password = Must change password
user-initial-password = Temporary password
user-initial-password-hint = At least 12 characters. The user changes it at first login.
user-new-password = New temporary password
user-password-confirmation = Repeat the password
password-rules = At least 12 characters. A phrase of several words is easy to remember and hard to guess.

units-title = Boards and units
units-new = New unit
units-edit = Edit unit
units-none = No units yet.
unit-name = Unit name
unit-board = Board
boards-new = New board
boards-edit = Edit board
board-name = Board name

account-title = My account
account-password-heading = Password
account-change-password = Change password
account-must-change = You need to choose your own password before you can go on.
account-current-password = Current password
account-new-password = New password
account-new-password-confirmation = Repeat the new password
account-password-changed = The password is changed. Other logins with your account have been logged out.
account-language-heading = Language
account-language-legend = Language in Styr
account-language-saved = The language is saved.

accessibility-title = Accessibility statement
accessibility-intro = The social services administration is responsible for Styr and wants everyone to be able to use it. This statement describes how Styr meets the Swedish Act (2018:1937) on accessibility to digital public services, the known shortcomings, and how to report a problem.
accessibility-status-heading = How accessible is the service?
accessibility-status = Styr is built to meet WCAG 2.1 at level AA, as the law requires. Every page is checked automatically with axe-core before a new version is put into use.
accessibility-how-heading = How the service is built
accessibility-how-keyboard = Everything can be done with a keyboard; a link first on every page skips to the content.
accessibility-how-no-script = Nothing requires JavaScript, and the pages work with screen readers and magnification.
accessibility-how-tested = Fields have labels, errors are shown in text beside the field and together at the top, and colour never carries information alone.
accessibility-known-heading = Known shortcomings
accessibility-known = We know of no shortcomings at present. Automated tests do not find everything; tell us if something does not work for you.
accessibility-report-heading = Report a problem
accessibility-report = If you experience accessibility problems, or need content in another format, contact the administration's development manager or Styr's administrator through the municipality's switchboard. We answer within two weeks.
accessibility-supervision-heading = Supervision
accessibility-supervision = The Agency for Digital Government (Digg) supervises the law. If you are not satisfied with how we handle your report, you can notify Digg.
accessibility-updated = This statement was last updated on 22 November 2026.

## Governance: decisions, steering group, phase decisions and audit trail

body-management_group = Management group
body-development_manager = Development manager
body-steering_group = Steering group
decision-kind-phase_change = Phase decision

phase-refused-ended = A project in { $current } changes phase no more.
phase-refused-not-next = A project in { $from } cannot move to { $to }.
phase-refused-pre-study-directive = A pre-study needs an approved pre-study directive.
phase-refused-directive = This phase needs an approved project directive.
phase-refused-plan = Execution needs an approved project plan for directive version { $version }.
phase-refused-closing-report = Closing needs a drafted closing report.
phase-refused-closing-report-complete = Maintenance needs a closing report with outcome against goals, final cost, lessons and handover.
phase-refused-maintenance-owner = Maintenance needs a named receiving maintenance owner.
phase-refused-benefit-follow-up = Maintenance needs a date for the benefit follow-up.

steering-title = Steering group of { $code }
steering-intro = The project's local steering group approves the project plan and takes the project's own decisions. The chair records the steering group's decisions.
steering-empty = The steering group has no members yet.
steering-member = Person
steering-role = Role in the steering group
steering-actions = Actions
steering-add = Add member
steering-remove = Remove
steering-role-chair = Chair
steering-role-member = Member
steering-role-co_opted = Co-opted
error-choose-person = Choose a person.
error-already-member = The person is already in the steering group.
error-one-chair = The steering group already has a chair.

audit-title = Audit trail
audit-project-title = Audit trail of { $code }
audit-intro = Every creation, change and decision is logged with who, when, and the values before and after. The log cannot be changed. The newest 500 entries are shown.
audit-empty = Nothing is logged yet.
audit-when = When
audit-who = Who
audit-what = What
audit-record = Record
audit-values = Values
audit-before = Before
audit-after = After
audit-project-link = the project's trail
audit-unknown = Unknown
audit-action-create = Created
audit-action-update = Changed
audit-action-decide = Decided
audit-action-add = Added
audit-action-remove = Removed
audit-entity-project = Project
audit-entity-user = User
audit-entity-board = Board
audit-entity-unit = Unit
audit-entity-decision = Decision
audit-entity-steering_member = Steering group member
form-conflict-saved-value = Saved by someone else meanwhile:
form-conflict-saved-empty = (empty)
decision-kind-directive_approved = Directive approved
decision-kind-directive_returned = Directive returned
decision-kind-plan_approved = Project plan approved
decision-kind-plan_returned = Project plan returned
status-draft = Draft
status-submitted = Submitted for decision
status-approved = Approved
status-returned = Returned
document-refused-locked = A submitted or approved version never changes. Make a new version.
document-refused-not-submitted = Only a submitted version can be approved or returned.
document-refused-not-approved = Only an approved version can be revised.
document-refused-already-submitted = The version is already submitted.
document-refused-newer-open = There is already a newer version.
