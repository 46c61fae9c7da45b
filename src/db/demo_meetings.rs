//! The demo's management group (ledningsgrupp): a year of monthly meetings with their minutes in
//! the five sections, the decisions the projects' histories imply taken under their items, the
//! group's own strategic and economic decisions, the action items it handed out, and the
//! development manager's decisions under delegation, all through `db::meetings`,
//! `db::decisions` and `db::action_items` as the pages would write them. Every meeting is
//! adjusted and locked but the next one, which is planned. Dates are days relative to today.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use diesel::prelude::*;
use diesel::result::Error::NotFound;

use super::decisions::{self, DecisionRow, Extras, NewDecision};
use super::meetings::{self, MeetingDecision, MeetingError, NewItem, NewMeeting};
use super::schema::{action_items, projects, users};
use super::{DbConnection, audit};
use crate::domain::decision::{Body, DecisionKind, TypedDecision, TypedDecisionForm, parse_typed};
use crate::domain::meeting::{ActionState, Section};

/// The management group's members in the demo (`demo::USERS`): the head of the administration,
/// who chairs, and the four unit heads.
const MEMBERS: [&str; 5] = [
    "ledamot",
    "karin.holm",
    "lars.dahl",
    "sofia.ahmed",
    "peter.wallin",
];

/// Who keeps the minutes: the development manager, who also presents the portfolio.
const SECRETARY: &str = "utvecklingschef";

const PLACE: &str = "Sammanträdesrum Linnéan, Stadshuset";

struct MeetingPlan {
    /// Days from today. A meeting that takes a project's decision is held on that decision's day;
    /// another one is moved off a weekend to the Friday before.
    day: i64,
    starts_at: &'static str,
    chair: &'static str,
    adjuster: &'static str,
    absent: &'static [&'static str],
    items: &'static [ItemPlan],
}

struct ItemPlan {
    section: Section,
    title: &'static str,
    notes: &'static str,
    presenter: &'static str,
    /// The project the item is linked to.
    project: Option<&'static str>,
    /// The demo project whose management group decisions of the meeting's day (directive
    /// approvals, phase changes: `demo_governance`) are taken under this item.
    takes: Option<&'static str>,
    decisions: &'static [DecisionPlan],
    actions: &'static [ActionPlan],
}

const ITEM: ItemPlan = ItemPlan {
    section: Section::Other,
    title: "",
    notes: "",
    presenter: "ledamot",
    project: None,
    takes: None,
    decisions: &[],
    actions: &[],
};

/// A decision the management group takes under an item, formally decided by the meeting's chair.
struct DecisionPlan {
    /// How a later correction names the decision it supersedes.
    key: &'static str,
    kind: DecisionKind,
    text: &'static str,
    project: Option<&'static str>,
    /// The registry number's series and number; the year is the decision's.
    registry: Option<(&'static str, u32)>,
    confidential_reason: Option<&'static str>,
    /// Who follows the decision up, and how many days after the meeting.
    follow_up: Option<(&'static str, i64)>,
    supersedes: Option<&'static str>,
}

const DECISION: DecisionPlan = DecisionPlan {
    key: "",
    kind: DecisionKind::Strategic,
    text: "",
    project: None,
    registry: None,
    confidential_reason: None,
    follow_up: None,
    supersedes: None,
};

struct ActionPlan {
    text: &'static str,
    owners: &'static [&'static str],
    /// Days after the meeting it is due.
    due: i64,
    end: End,
}

/// How an action item stands today.
#[derive(Debug, Clone, Copy)]
enum End {
    Open,
    /// Done by its first owner `days` after it was due (negative: before), with a comment.
    Done(i64, &'static str),
    /// Cancelled by its first owner on the day it was due, with the reason.
    Cancelled(&'static str),
}

const UNIT_HEADS: &[&str] = &["karin.holm", "lars.dahl", "sofia.ahmed", "peter.wallin"];

const BUDGET: &str = "Månadsuppföljning av budget";

const MEETINGS: &[MeetingPlan] = &[
    MeetingPlan {
        day: -805,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "lars.dahl",
        absent: &[],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Projektdirektiv: Mobil återrapportering i hemtjänsten (DIG-2024-001)",
                notes: "Karin Holm föredrar direktivet. Budgetramen på 1,45 mnkr ligger över \
                        tröskeln för ledningsgruppens beslut. Hemtjänstens medarbetare ska \
                        rapportera utförda insatser i mobilen i stället för på papper.",
                presenter: "karin.holm",
                // Not linked: the project's audit trail is its own history, step by step.
                takes: Some("DIG-2024-001"),
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: BUDGET,
                notes: "Förvaltningen prognostiserar ett underskott på 2,1 mnkr för helåret, \
                        främst inom hemtjänsten.",
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -420,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "karin.holm",
        absent: &["sofia.ahmed"],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Projektdirektiv: Digitalt försörjningsstöd (DIG-2025-003)",
                notes: "Peter Wallin föredrar direktivet. Direktivet är strategiskt: \
                        personuppgifter och sekretess enligt 26 kap. OSL. \
                        Konsekvensbedömning (DPIA) är gjord.",
                presenter: "peter.wallin",
                project: Some("DIG-2025-003"),
                takes: Some("DIG-2025-003"),
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Rekrytering av socialsekreterare till Myndighetsenheten",
                notes: "Två tjänster är vakanta sedan i våras. Annonsen ligger ute.",
                presenter: "peter.wallin",
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -330,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "peter.wallin",
        absent: &[],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Digitaliseringsstrategi för socialtjänsten",
                notes: "Utvecklingschefen presenterar förslaget till strategi för de kommande \
                        tre åren: e-tjänster först, säker digital kommunikation och \
                        uppföljning av nyttan i varje projekt.",
                presenter: "utvecklingschef",
                decisions: &[DecisionPlan {
                    key: "strategi",
                    kind: DecisionKind::Strategic,
                    text: "Ledningsgruppen fastställer socialförvaltningens \
                           digitaliseringsstrategi för de kommande tre åren.",
                    registry: Some(("SN", 102)),
                    ..DECISION
                }],
                actions: &[ActionPlan {
                    text: "Presentera digitaliseringsstrategin på arbetsplatsträffar i alla \
                           enheter.",
                    owners: UNIT_HEADS,
                    due: 45,
                    end: End::Done(-3, "Genomfört på samtliga arbetsplatsträffar."),
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: BUDGET,
                notes: "Helårsprognosen visar ett underskott på 1,8 mnkr inom Äldrenämndens \
                        verksamheter; Socialnämndens verksamheter är i balans.",
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Arbetsmiljö: korttidsfrånvaron i hemtjänsten",
                notes: "Korttidsfrånvaron har ökat under hösten, särskilt i två \
                        hemtjänstgrupper.",
                presenter: "karin.holm",
                actions: &[ActionPlan {
                    text: "Ta fram en handlingsplan för att minska korttidsfrånvaron i \
                           hemtjänsten.",
                    owners: &["karin.holm"],
                    due: 60,
                    end: End::Done(0, "Handlingsplanen är antagen i samverkansgruppen."),
                }],
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -300,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "sofia.ahmed",
        absent: &["lars.dahl"],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "E-arkiv för socialtjänstens avslutade akter",
                notes: "Kommunens e-arkiv kan ta emot socialtjänstens akter från årsskiftet. \
                        Gallringsreglerna följs.",
                presenter: "utvecklingschef",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Strategic,
                    text: "Ledningsgruppen ställer sig bakom att socialtjänstens avslutade akter \
                           förs över till kommunens e-arkiv.",
                    registry: Some(("SN", 187)),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: BUDGET,
                notes: "Underskottet inom Äldrenämnden kvarstår. Förvaltningschefen föreslår \
                        anställningsstopp för administrativa tjänster.",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Economic,
                    text: "Ledningsgruppen beslutar om anställningsstopp för administrativa \
                           tjänster under resten av året, med anledning av det prognostiserade \
                           underskottet.",
                    registry: Some(("SN", 201)),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Rekrytering av systemförvaltare för verksamhetssystemet",
                notes: "Undantag från anställningsstoppet: tjänsten finansieras inom \
                        förvaltningsobjektet.",
                presenter: "utvecklingschef",
                actions: &[ActionPlan {
                    text: "Ta fram en kravprofil för systemförvaltare.",
                    owners: &["utvecklingschef"],
                    due: 30,
                    end: End::Done(-5, "Kravprofilen är klar och annonsen publicerad."),
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Collaboration,
                title: "Samverkan med regionen om digital samordnad individuell plan (SIP)",
                notes: "Regionen vill pröva digitala SIP-möten med kommunerna i länet.",
                presenter: "peter.wallin",
                actions: &[ActionPlan {
                    text: "Bjuda in regionens närområdeschef till ledningsgruppen.",
                    owners: &["peter.wallin"],
                    due: 60,
                    end: End::Cancelled(
                        "Regionen har i stället bjudit in till ett gemensamt samverkansforum.",
                    ),
                }],
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -270,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "karin.holm",
        absent: &[],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Lex Sarah-rapport från hemtjänsten",
                notes: "Karin Holm redogör för en händelse i hemtjänsten. Uppgifterna om den \
                        enskilde omfattas av sekretess.",
                presenter: "karin.holm",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Other,
                    text: "Ledningsgruppen beslutar att händelsen i hemtjänsten utreds enligt \
                           lex Sarah och att Inspektionen för vård och omsorg underrättas.",
                    registry: Some(("SN", 244)),
                    confidential_reason: Some(
                        "OSL 26 kap. 1 § (uppgifter om enskildas personliga förhållanden)",
                    ),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: "Direktupphandlingar över 1,1 mnkr",
                notes: "Revisionen har frågat efter förvaltningens direktupphandlingar.",
                actions: &[ActionPlan {
                    text: "Enhetscheferna redovisar antalet direktupphandlingar över 1,1 mnkr \
                           per enhet.",
                    owners: UNIT_HEADS,
                    due: 14,
                    end: End::Done(
                        -1,
                        "Redovisat: tre direktupphandlingar, alla dokumenterade.",
                    ),
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Collaboration,
                title: "Omvärldsspaning: SKR:s handlingsplan för digitalisering av socialtjänsten",
                notes: "Utvecklingschefen redogör för handlingsplanen och hur förvaltningens \
                        strategi förhåller sig till den.",
                presenter: "utvecklingschef",
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -240,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "lars.dahl",
        absent: &["peter.wallin"],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Avslut av DIG-2024-001 Mobil återrapportering i hemtjänsten",
                notes: "Slutrapporten visar att målen är nådda: all återrapportering sker \
                        digitalt. Förvaltningsobjektet Hemtjänstens IT-stöd tar över; nyttan \
                        följs upp om ett år.",
                presenter: "karin.holm",
                // Not linked: the project's audit trail is its own history, step by step.
                takes: Some("DIG-2024-001"),
                actions: &[ActionPlan {
                    text: "Följa upp nyttan av mobil återrapportering i hemtjänsten och \
                           redovisa för ledningsgruppen.",
                    owners: &["karin.holm"],
                    due: 365,
                    end: End::Open,
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: BUDGET,
                notes: "Anställningsstoppet har minskat underskottet till 1,2 mnkr.",
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Arbetsmiljöverkets inspektion i Omsorgsenheten",
                notes: "Inspektionen gällde ensamarbete nattetid. Arbetsmiljöverket begär en \
                        åtgärdsplan.",
                presenter: "lars.dahl",
                actions: &[ActionPlan {
                    text: "Svara Arbetsmiljöverket med en åtgärdsplan för ensamarbete nattetid.",
                    owners: &["lars.dahl"],
                    due: 21,
                    end: End::Done(-2, "Åtgärdsplanen är inskickad och godkänd."),
                }],
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -215,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "sofia.ahmed",
        absent: &[],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Projektdirektiv: Kvalitetssäkring av verksamhetssystemet (DIG-2026-008)",
                notes: "Utvecklingschefen föredrar direktivet: behörigheter, mallar och rutiner \
                        i verksamhetssystemet ses över i hela förvaltningen.",
                presenter: "utvecklingschef",
                project: Some("DIG-2026-008"),
                takes: Some("DIG-2026-008"),
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: BUDGET,
                notes: "Stab och utveckling har outnyttjade medel för konsulter.",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Economic,
                    text: "Ledningsgruppen omfördelar 400 000 kronor från Stab och utvecklings \
                           konsultbudget till kvalitetssäkringen av verksamhetssystemet.",
                    project: Some("DIG-2026-008"),
                    registry: Some(("SN", 311)),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Collaboration,
                title: "Gemensam upphandling av verksamhetssystem med grannkommunerna",
                notes: "Två grannkommuner har avtal som löper ut samtidigt som vårt.",
                presenter: "utvecklingschef",
                actions: &[ActionPlan {
                    text: "Utreda förutsättningarna för en gemensam upphandling av \
                           verksamhetssystem med grannkommunerna.",
                    owners: &["utvecklingschef"],
                    due: 120,
                    end: End::Open,
                }],
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -185,
        starts_at: "13:00",
        chair: "karin.holm",
        adjuster: "lars.dahl",
        absent: &["ledamot"],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "AI-verktyg i handläggningen",
                notes: "Flera medarbetare har frågat om de får använda AI-tjänster för att \
                        skriva utredningar. Förvaltningschefen är frånvarande; Karin Holm är \
                        ordförande.",
                presenter: "utvecklingschef",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Strategic,
                    text: "Ledningsgruppen beslutar att AI-tjänster inte får användas med \
                           personuppgifter i handläggningen förrän en riktlinje är fastställd.",
                    registry: Some(("SN", 350)),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: BUDGET,
                notes: "Prognosen är oförändrad sedan förra månaden.",
                presenter: "karin.holm",
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Bemanning och semesterplanering inför sommaren",
                notes: "Hemtjänsten och boendena har svårt att rekrytera sommarvikarier.",
                presenter: "karin.holm",
                actions: &[ActionPlan {
                    text: "Rapportera bemanningsläget inför sommaren per enhet.",
                    owners: &["karin.holm", "lars.dahl"],
                    due: 20,
                    end: End::Done(0, "Bemanningen är säkrad utom i två grupper."),
                }],
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -160,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "peter.wallin",
        absent: &[],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Projektdirektiv: Rapport över direktupphandlingar ur e-avrop \
                        (DIG-2026-009)",
                notes: "Utvecklingschefen föredrar direktivet: en månadsvis rapport per enhet \
                        ur e-avrop.",
                presenter: "utvecklingschef",
                project: Some("DIG-2026-009"),
                takes: Some("DIG-2026-009"),
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: "Rutin för enheternas månadsuppföljning",
                notes: "Ekonomienheten behöver enheternas uppföljning i tid till nämnderna.",
                decisions: &[DecisionPlan {
                    key: "rutin",
                    kind: DecisionKind::Other,
                    text: "Enheternas månadsuppföljning lämnas till ekonomienheten senast den \
                           femte arbetsdagen i månaden.",
                    registry: Some(("SN", 377)),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Collaboration,
                title: "Trygghetskameror nattetid: erfarenheter i länet",
                notes: "Tre kommuner i länet använder kameratillsyn. Karin Holm har besökt en \
                        av dem.",
                presenter: "karin.holm",
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -130,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "karin.holm",
        absent: &["sofia.ahmed"],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Köerna i färdtjänsthandläggningen",
                notes: "Två handläggare har gått från projektet DIG-2025-002 tillbaka till \
                        ordinarie arbete för att korta köerna.",
                presenter: "karin.holm",
                project: Some("DIG-2025-002"),
                actions: &[ActionPlan {
                    text: "Ta fram en plan för att korta kön i färdtjänsthandläggningen.",
                    owners: &["karin.holm"],
                    due: 30,
                    end: End::Done(2, "Planen är klar; kön har halverats."),
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: "Rättelse: rutin för enheternas månadsuppföljning",
                notes: "Bokslutet för föregående månad är inte klart den femte arbetsdagen.",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Other,
                    text: "Beslutet om rutin för enheternas månadsuppföljning rättas: \
                           uppföljningen lämnas senast den åttonde arbetsdagen i månaden, då \
                           bokslutet för föregående månad inte är klart den femte.",
                    registry: Some(("SN", 377)),
                    supersedes: Some("rutin"),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Introduktion av nya socialsekreterare",
                notes: "Enheterna har olika introduktion; en gemensam plan efterfrågas.",
                presenter: "sofia.ahmed",
                actions: &[ActionPlan {
                    text: "Ta fram en gemensam introduktionsplan för nya socialsekreterare.",
                    owners: &["sofia.ahmed"],
                    due: 60,
                    end: End::Cancelled(
                        "Ersätts av HR-avdelningens kommungemensamma introduktion.",
                    ),
                }],
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -100,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "lars.dahl",
        absent: &[],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Leverantörens försening i DIG-2025-003",
                notes: "Styrgruppen har godtagit leverantörens nya tidplan. Vite enligt \
                        avtalet kan bli aktuellt.",
                presenter: "peter.wallin",
                project: Some("DIG-2025-003"),
                actions: &[ActionPlan {
                    text: "Redovisa förhandlingen om vite med leverantören av e-tjänsten för \
                           försörjningsstöd.",
                    owners: &["utvecklingschef", "peter.wallin"],
                    due: 45,
                    end: End::Done(-4, "Leverantören betalar vite enligt avtalet."),
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: BUDGET,
                notes: "Äldrenämndens underskott har ökat igen, till 2,4 mnkr.",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Economic,
                    text: "Äldrenämndens prognostiserade underskott hanteras genom en \
                           åtgärdsplan som Äldreenheten och Omsorgsenheten tar fram och \
                           redovisar till nämnden.",
                    registry: Some(("ÄN", 188)),
                    follow_up: Some(("karin.holm", 60)),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Collaboration,
                title: "Länets nätverk för socialtjänstens digitalisering",
                notes: "Nätverket föreslår gemensamma e-tjänster för ansökan om bistånd.",
                presenter: "utvecklingschef",
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -68,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "sofia.ahmed",
        absent: &["karin.holm"],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Förstudie om digital tillsyn nattetid",
                notes: "Utvecklingschefen informerar om ett kommande förstudiedirektiv. \
                        Kamerabevakning i hemmet kräver samtycke; den rättsliga prövningen \
                        görs i förstudien.",
                presenter: "utvecklingschef",
                project: Some("DIG-2026-005"),
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Resultatet av medarbetarenkäten",
                notes: "Svarsfrekvensen var 78 procent. Arbetsbelastningen får lägst betyg i \
                        Myndighetsenheten.",
                actions: &[
                    ActionPlan {
                        text: "Analysera medarbetarenkätens resultat per enhet och föreslå \
                               åtgärder.",
                        owners: &["ledamot"],
                        due: 50,
                        end: End::Open,
                    },
                    ActionPlan {
                        text: "Sammanställa erfarenheterna från avslutade projekt till en mall \
                               för slutrapporter.",
                        owners: &["projektledare"],
                        due: 45,
                        end: End::Open,
                    },
                ],
                ..ITEM
            },
            ItemPlan {
                section: Section::Collaboration,
                title: "Samverkan med regionen om läkemedelshantering",
                notes: "Regionens läkemedelsenhet vill ta del av de digitala \
                        signeringslistorna.",
                presenter: "lars.dahl",
                project: Some("DIG-2026-006"),
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -35,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "peter.wallin",
        absent: &[],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Projektdirektiv: Automatiserad utbetalning (RPA) ekonomiskt bistånd \
                        (DIG-2025-004)",
                notes: "Peter Wallin föredrar direktivet. Budgetramen på 1,2 mnkr ligger över \
                        tröskeln för ledningsgruppens beslut.",
                presenter: "peter.wallin",
                project: Some("DIG-2025-004"),
                takes: Some("DIG-2025-004"),
                ..ITEM
            },
            ItemPlan {
                section: Section::Strategic,
                title: "Avbrytande av DIG-2026-009 Rapport över direktupphandlingar",
                notes: "Upphandlingsenheten har tagit fram en egen rapport över \
                        direktupphandlingar som ersätter projektet.",
                presenter: "utvecklingschef",
                project: Some("DIG-2026-009"),
                takes: Some("DIG-2026-009"),
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: "Budgetramar per enhet för nästa år",
                notes: "Utvecklingschefen och ekonomienheten har tagit fram ett förslag till \
                        fördelning.",
                presenter: "utvecklingschef",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Economic,
                    text: "Ledningsgruppen fördelar nästa års budgetram per enhet enligt \
                           förslaget och följer upp fördelningen efter första kvartalet.",
                    registry: Some(("SN", 512)),
                    follow_up: Some(("ledamot", 120)),
                    ..DECISION
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Information till medborgarna om e-tjänsten för färdtjänst",
                notes: "Kundtjänsten får många frågor om den nya e-tjänsten.",
                presenter: "karin.holm",
                project: Some("DIG-2025-002"),
                actions: &[ActionPlan {
                    text: "Ta fram informationsmaterial om e-tjänsten för färdtjänst till \
                           medborgare och kundtjänst.",
                    owners: &["projektledare"],
                    due: 45,
                    end: End::Open,
                }],
                ..ITEM
            },
        ],
    },
    MeetingPlan {
        day: -15,
        starts_at: "09:00",
        chair: "ledamot",
        adjuster: "lars.dahl",
        absent: &["peter.wallin"],
        items: &[
            ItemPlan {
                section: Section::Strategic,
                title: "Projektdirektiv: Processkartläggning i Stratsys (DIG-2026-010)",
                notes: "Utvecklingschefen föredrar direktivet: förvaltningens huvudprocesser \
                        kartläggs på ett ställe.",
                presenter: "utvecklingschef",
                project: Some("DIG-2026-010"),
                takes: Some("DIG-2026-010"),
                ..ITEM
            },
            ItemPlan {
                section: Section::Goals,
                title: "Utvecklingschefens genomgång av projektportföljen",
                notes: "DIG-2025-003 är rött på tid efter leverantörens försening; \
                        DIG-2025-002 är gult på resurser.",
                presenter: "utvecklingschef",
                ..ITEM
            },
            ItemPlan {
                section: Section::Organisation,
                title: "Förvaltningsledare för verksamhetssystemet",
                notes: "Kvalitetssäkringen visar att verksamhetssystemet behöver en utsedd \
                        förvaltningsledare.",
                actions: &[ActionPlan {
                    text: "Besluta om rekrytering av förvaltningsledare för \
                           verksamhetssystemet.",
                    owners: &["ledamot"],
                    due: 30,
                    end: End::Open,
                }],
                ..ITEM
            },
            ItemPlan {
                section: Section::Collaboration,
                title: "Omvärldsspaning: den nya socialtjänstlagen",
                notes: "Den nya lagen betonar förebyggande arbete och tillgänglighet.",
                presenter: "utvecklingschef",
                decisions: &[DecisionPlan {
                    kind: DecisionKind::Strategic,
                    text: "Ledningsgruppen ger utvecklingschefen i uppdrag att ta fram en plan \
                           för hur förvaltningens digitala stöd och rutiner anpassas till den \
                           nya socialtjänstlagen.",
                    registry: Some(("SN", 588)),
                    ..DECISION
                }],
                actions: &[ActionPlan {
                    text: "Ta fram en plan för anpassningen till den nya socialtjänstlagen.",
                    owners: &["utvecklingschef"],
                    due: 60,
                    end: End::Open,
                }],
                ..ITEM
            },
        ],
    },
];

/// The next meeting, planned: its agenda beyond what planning offers (the latest roll-up and
/// the overdue action items).
const NEXT: MeetingPlan = MeetingPlan {
    day: 15,
    starts_at: "09:00",
    chair: "ledamot",
    adjuster: "karin.holm",
    absent: &[],
    items: &[
        ItemPlan {
            section: Section::Strategic,
            title: "Verksamhetsplan och budget för nästa år",
            notes: "Förslaget går till nämnderna i nästa månad.",
            ..ITEM
        },
        ItemPlan {
            section: Section::Goals,
            title: BUDGET,
            ..ITEM
        },
        ItemPlan {
            section: Section::Organisation,
            title: "Uppföljning av medarbetarenkäten",
            presenter: "ledamot",
            ..ITEM
        },
        ItemPlan {
            section: Section::Collaboration,
            title: "Samverkansöverenskommelse med regionen",
            presenter: "peter.wallin",
            ..ITEM
        },
        ItemPlan {
            section: Section::Other,
            title: "Mötestider för nästa år",
            ..ITEM
        },
    ],
};

/// A decision of the development manager under delegation (delegationsbeslut).
struct Delegated {
    day: i64,
    kind: DecisionKind,
    text: &'static str,
    project: Option<&'static str>,
    registry: Option<(&'static str, u32)>,
}

const DELEGATED: &[Delegated] = &[
    Delegated {
        day: -290,
        kind: DecisionKind::Economic,
        text: "Avtalet om konsultstöd för verksamhetssystemet förlängs med sex månader inom \
               befintlig budget.",
        project: None,
        registry: Some(("SN", 221)),
    },
    Delegated {
        day: -250,
        kind: DecisionKind::Strategic,
        text: "Förvaltningen ansluter sig till kommunens gemensamma plattform för e-tjänster.",
        project: None,
        registry: Some(("SN", 262)),
    },
    Delegated {
        day: -200,
        kind: DecisionKind::Economic,
        text: "Inköp av 40 surfplattor till hemtjänstens grupper, 168 000 kronor.",
        project: None,
        registry: Some(("SN", 318)),
    },
    Delegated {
        day: -145,
        kind: DecisionKind::Other,
        text: "Mallarna för statusrapport och slutrapport fastställs för förvaltningens \
               digitaliseringsprojekt.",
        project: None,
        registry: None,
    },
    Delegated {
        day: -110,
        kind: DecisionKind::Economic,
        text: "Avrop av konsultstöd för test av e-tjänsten för försörjningsstöd, högst \
               120 000 kronor.",
        project: Some("DIG-2025-003"),
        registry: Some(("SN", 431)),
    },
    Delegated {
        day: -50,
        kind: DecisionKind::Strategic,
        text: "En förstudie görs före varje projekt som behandlar känsliga personuppgifter.",
        project: None,
        registry: None,
    },
    Delegated {
        day: -8,
        kind: DecisionKind::Other,
        text: "Förvaltningen deltar i länets nätverk för digitalisering inom socialtjänsten \
               under nästa år.",
        project: None,
        registry: Some(("SN", 601)),
    },
];

/// The day a meeting is held: its plan's day, moved off a weekend unless a project's decision
/// fixes it.
fn held_on(plan: &MeetingPlan, today: NaiveDate) -> NaiveDate {
    let day = today + Duration::days(plan.day);
    let fixed = plan.items.iter().any(|item| item.takes.is_some());
    match day.weekday() {
        Weekday::Sat if !fixed => day - Duration::days(1),
        Weekday::Sun if !fixed => day - Duration::days(2),
        _ => day,
    }
}

fn registry_number((series, number): (&str, u32), on: NaiveDate) -> String {
    format!("{series} {}/{number:04}", on.year())
}

/// A typed decision as its form would carry it, so that the demo's decisions pass the rules
/// the pages apply (`domain::decision::parse_typed`).
fn typed(
    text: &str,
    kind: DecisionKind,
    registry_number: Option<String>,
    confidential_reason: Option<&str>,
    follow_up_on: Option<NaiveDate>,
) -> TypedDecisionForm {
    TypedDecisionForm {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        kind: kind.as_str().to_owned(),
        registry_number: registry_number.unwrap_or_default(),
        confidential_reason: confidential_reason.unwrap_or_default().to_owned(),
        follow_up_on: follow_up_on.map(|on| on.to_string()).unwrap_or_default(),
        ..TypedDecisionForm::default()
    }
}

/// The typed decision the form parses to; a form the rules refuse is a demo that contradicts them.
fn parsed(
    form: &TypedDecisionForm,
    in_meeting: bool,
    decided_on: NaiveDate,
) -> QueryResult<TypedDecision> {
    parse_typed(form, in_meeting, Some(decided_on)).map_err(|_| NotFound)
}

/// A refusal of the meetings' rules is a demo that contradicts them: the demo's transaction is
/// rolled back, as for any other step that does not go through.
fn done<T>(result: Result<T, MeetingError>) -> QueryResult<T> {
    result.map_err(|error| match error {
        MeetingError::Db(error) => error,
        _ => NotFound,
    })
}

/// The ids of the demo's users and projects by username and code, read once.
struct Ids {
    users: HashMap<String, i64>,
    projects: HashMap<String, i64>,
}

impl Ids {
    fn load(conn: &mut DbConnection) -> QueryResult<Ids> {
        let users = users::table
            .select((users::username, users::id))
            .load::<(String, i64)>(conn)?;
        let projects = projects::table
            .select((projects::code, projects::id))
            .load::<(String, i64)>(conn)?;
        Ok(Ids {
            users: users.into_iter().collect(),
            projects: projects.into_iter().collect(),
        })
    }

    fn user(&self, username: &str) -> QueryResult<i64> {
        self.users.get(username).copied().ok_or(NotFound)
    }

    fn project(&self, code: Option<&str>) -> QueryResult<Option<i64>> {
        code.map(|code| self.projects.get(code).copied().ok_or(NotFound))
            .transpose()
    }
}

/// Something recorded on a day of the demo's year, in date order with the projects' histories.
enum Event {
    /// The decisions and action items under the items of `MEETINGS[meeting]`.
    Minutes {
        meeting: usize,
    },
    Delegated(&'static Delegated),
}

/// A planned and held meeting whose minutes are being written.
struct Held {
    id: i64,
    held_on: NaiveDate,
    chair: i64,
    adjuster: i64,
    /// The ids of its items, in the order of the plan.
    items: Vec<i64>,
}

/// The demo's meetings while the projects' histories are seeded: held, with their items, and
/// what they decided still to be recorded in date order (`demo_governance::Minutes`).
pub struct Year {
    today: NaiveDate,
    held: Vec<Held>,
    /// What is still to be recorded, by day, oldest last (so the next is popped).
    pending: Vec<(NaiveDate, Event)>,
    /// The item each project's management group decisions of a day are taken under, and the chair.
    takes: HashMap<(String, NaiveDate), (i64, i64)>,
    /// The decisions by key, for the corrections that supersede them.
    keyed: HashMap<&'static str, i64>,
    ids: Ids,
}

/// Plans and holds the demo's meetings with their attendance and items, before the projects'
/// histories take their decisions under those items.
pub fn hold_meetings(conn: &mut DbConnection, today: NaiveDate) -> QueryResult<Year> {
    let ids = Ids::load(conn)?;
    let mut held = Vec::new();
    let mut pending = Vec::new();
    let mut takes = HashMap::new();
    for (index, plan) in MEETINGS.iter().enumerate() {
        let (id, items) = plan_meeting(conn, &ids, plan, today)?;
        let present = present(&ids, plan)?;
        let chair = ids.user(plan.chair)?;
        done(meetings::set_attendance(conn, id, &present, chair))?;
        done(meetings::hold(conn, id, chair))?;
        let held_on = held_on(plan, today);
        for (item, id) in plan.items.iter().zip(&items) {
            if let Some(code) = item.takes {
                takes.insert((code.to_owned(), held_on), (*id, chair));
            }
        }
        held.push(Held {
            id,
            held_on,
            chair,
            adjuster: ids.user(plan.adjuster)?,
            items,
        });
        pending.push((held_on, Event::Minutes { meeting: index }));
    }
    for delegated in DELEGATED {
        let on = today + Duration::days(delegated.day);
        pending.push((on, Event::Delegated(delegated)));
    }
    pending.sort_by_key(|(on, _)| std::cmp::Reverse(*on));
    Ok(Year {
        today,
        held,
        pending,
        takes,
        keyed: HashMap::new(),
        ids,
    })
}

/// Plans a meeting with its agenda, as its chair would; returns its id and its items' ids.
fn plan_meeting(
    conn: &mut DbConnection,
    ids: &Ids,
    plan: &MeetingPlan,
    today: NaiveDate,
) -> QueryResult<(i64, Vec<i64>)> {
    let chair = ids.user(plan.chair)?;
    let new = NewMeeting {
        body: Body::ManagementGroup,
        project_id: None,
        held_on: held_on(plan, today),
        starts_at: plan.starts_at,
        place: PLACE,
        chair_id: chair,
        secretary_id: ids.user(SECRETARY)?,
        adjuster_id: ids.user(plan.adjuster)?,
        created_by: chair,
    };
    let id = done(meetings::plan(conn, &new))?;
    let mut items = Vec::new();
    for item in plan.items {
        let new = NewItem {
            section: item.section.as_str(),
            title: item.title,
            notes: item.notes,
            presenter_id: Some(ids.user(item.presenter)?),
            project_id: ids.project(item.project)?,
            ..NewItem::default()
        };
        items.push(done(meetings::add_item(conn, id, &new, chair))?);
    }
    Ok((id, items))
}

/// The members present: all but the plan's absent.
fn present(ids: &Ids, plan: &MeetingPlan) -> QueryResult<Vec<i64>> {
    MEMBERS
        .iter()
        .filter(|member| !plan.absent.contains(member))
        .map(|member| ids.user(member))
        .collect()
}

impl super::demo_governance::Minutes for Year {
    fn until(&mut self, conn: &mut DbConnection, day: NaiveDate) -> QueryResult<()> {
        while self.pending.last().is_some_and(|(on, _)| *on < day) {
            let Some((_, event)) = self.pending.pop() else {
                break;
            };
            match event {
                Event::Minutes { meeting } => self.minute(conn, meeting)?,
                Event::Delegated(delegated) => {
                    record_delegated(conn, &self.ids, delegated, self.today)?;
                }
            }
        }
        Ok(())
    }

    fn taken_under(&self, code: &str, day: NaiveDate) -> Option<(i64, i64)> {
        self.takes.get(&(code.to_owned(), day)).copied()
    }
}

impl Year {
    /// Records the decisions and action items under the items of `MEETINGS[meeting]`.
    fn minute(&mut self, conn: &mut DbConnection, meeting: usize) -> QueryResult<()> {
        let plan = &MEETINGS[meeting];
        let (id, held_on, chair) = {
            let held = &self.held[meeting];
            (held.id, held.held_on, held.chair)
        };
        let items = self.held[meeting].items.clone();
        for (item, item_id) in plan.items.iter().zip(items) {
            for decision in item.decisions {
                let row = self.decide(conn, id, item_id, decision, (held_on, chair))?;
                if !decision.key.is_empty() {
                    self.keyed.insert(decision.key, row.id);
                }
            }
            for action in item.actions {
                hand_out(
                    conn,
                    &self.ids,
                    item_id,
                    action,
                    (held_on, chair),
                    self.today,
                )?;
            }
        }
        Ok(())
    }

    fn decide(
        &self,
        conn: &mut DbConnection,
        meeting_id: i64,
        item_id: i64,
        decision: &DecisionPlan,
        (held_on, chair): (NaiveDate, i64),
    ) -> QueryResult<DecisionRow> {
        let follow_up_on = decision
            .follow_up
            .map(|(_, days)| held_on + Duration::days(days));
        let form = typed(
            decision.text,
            decision.kind,
            decision.registry.map(|r| registry_number(r, held_on)),
            decision.confidential_reason,
            follow_up_on,
        );
        let typed = parsed(&form, true, held_on)?;
        let follow_up_by = match decision.follow_up {
            Some((who, _)) => Some(self.ids.user(who)?),
            None => None,
        };
        let supersedes = match decision.supersedes {
            Some(key) => Some(*self.keyed.get(key).ok_or(NotFound)?),
            None => None,
        };
        let minuted = MeetingDecision {
            typed: &typed,
            decided_by: chair,
            project_id: self.ids.project(decision.project)?,
            supersedes,
            answers: &[],
            follow_up_by,
        };
        done(meetings::record_decision(
            conn, meeting_id, item_id, &minuted, chair,
        ))
    }
}

/// Hands out an action item at the meeting, and closes it as the plan says once its day has come.
fn hand_out(
    conn: &mut DbConnection,
    ids: &Ids,
    item_id: i64,
    action: &ActionPlan,
    (held_on, chair): (NaiveDate, i64),
    today: NaiveDate,
) -> QueryResult<()> {
    let owners: Vec<i64> = action
        .owners
        .iter()
        .map(|owner| ids.user(owner))
        .collect::<QueryResult<_>>()?;
    let due_on = held_on + Duration::days(action.due);
    let text = action.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let row = done(meetings::add_action(
        conn, item_id, &text, due_on, &owners, chair,
    ))?;
    let (state, comment, on) = match action.end {
        End::Open => return Ok(()),
        End::Done(days, comment) => (ActionState::Done, comment, due_on + Duration::days(days)),
        End::Cancelled(reason) => (ActionState::Cancelled, reason, due_on),
    };
    let at = on.min(today).and_hms_opt(15, 30, 0).unwrap_or_default();
    close_action(conn, row.id, state, comment, owners[0], at)
}

/// Closes an open action item on the demo's day `at`, with its audit entry. (The action items'
/// own `close` stamps the present moment; the demo's items were closed over the year.)
fn close_action(
    conn: &mut DbConnection,
    id: i64,
    state: ActionState,
    comment: &str,
    by: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    use super::action_items::ActionItemRow;
    let before: ActionItemRow = action_items::table
        .find(id)
        .select(ActionItemRow::as_select())
        .first(conn)?;
    let changed = diesel::update(
        action_items::table
            .filter(action_items::id.eq(id))
            .filter(action_items::state.eq(ActionState::Open.as_str())),
    )
    .set((
        action_items::state.eq(state.as_str()),
        action_items::comment.eq(comment),
        action_items::closed_by.eq(Some(by)),
        action_items::closed_at.eq(Some(at)),
    ))
    .execute(conn)?;
    if changed != 1 {
        return Err(NotFound);
    }
    let after: ActionItemRow = action_items::table
        .find(id)
        .select(ActionItemRow::as_select())
        .first(conn)?;
    audit::record(
        conn,
        &audit::Change {
            user_id: Some(by),
            action: audit::Action::Update,
            entity: "action_item",
            entity_id: id,
            project_id: None,
            before: Some(&before),
            after: Some(&after),
        },
    )
}

/// Records a decision of the development manager under delegation.
fn record_delegated(
    conn: &mut DbConnection,
    ids: &Ids,
    delegated: &Delegated,
    today: NaiveDate,
) -> QueryResult<DecisionRow> {
    let manager = ids.user("utvecklingschef")?;
    let decided_on = today + Duration::days(delegated.day);
    let project_id = ids.project(delegated.project)?;
    let registry = delegated.registry.map(|r| registry_number(r, decided_on));
    let form = typed(delegated.text, delegated.kind, registry, None, None);
    let typed = parsed(&form, false, decided_on)?;
    decisions::record(
        conn,
        &NewDecision {
            body: Body::DevelopmentManager,
            project_id,
            decided_on,
            kind: typed.kind,
            text: &typed.text,
            phase_from: None,
            phase_to: None,
            recorded_by: manager,
            meeting_id: None,
            extras: Extras {
                decided_by: Some(manager),
                delegated: true,
                registry_number: typed.registry_number.as_deref(),
                ..Extras::default()
            },
        },
    )
}

impl Year {
    /// Records what is left, adjusts every held meeting's minutes (the chair two days after the
    /// meeting, the adjuster the day after that, never after today), and plans the next meeting:
    /// it is offered the latest roll-up and the overdue action items. Call after the reports and
    /// the roll-up are seeded.
    pub fn adjust_and_plan_next(mut self, conn: &mut DbConnection) -> QueryResult<()> {
        use super::demo_governance::Minutes;
        let end = self.today + Duration::days(1);
        self.until(conn, end)?;
        let now = self.today.and_hms_opt(8, 0, 0).unwrap_or_default();
        for held in &self.held {
            let signed = |days: i64| {
                (held.held_on + Duration::days(days))
                    .and_hms_opt(16, 0, 0)
                    .unwrap_or_default()
                    .min(now)
            };
            done(meetings::adjust(conn, held.id, held.chair, signed(2)))?;
            done(meetings::adjust(conn, held.id, held.adjuster, signed(3)))?;
        }
        plan_meeting(conn, &self.ids, &NEXT, self.today)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> impl Iterator<Item = &'static MeetingPlan> {
        MEETINGS.iter().chain(std::iter::once(&NEXT))
    }

    #[test]
    fn the_chair_and_the_adjuster_are_two_present_members() {
        for plan in all() {
            assert_ne!(plan.chair, plan.adjuster, "{}", plan.day);
            for officer in [plan.chair, plan.adjuster] {
                assert!(MEMBERS.contains(&officer), "{}", plan.day);
                assert!(!plan.absent.contains(&officer), "{}", plan.day);
            }
            assert!(plan.absent.iter().all(|a| MEMBERS.contains(a)));
        }
    }

    #[test]
    fn the_meetings_are_monthly_in_date_order_and_the_next_is_planned() {
        let days: Vec<i64> = MEETINGS.iter().map(|m| m.day).collect();
        assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
        let in_the_year: Vec<i64> = days.iter().copied().filter(|d| *d > -365).collect();
        assert!(in_the_year.len() >= 12, "{in_the_year:?}");
        assert!(
            in_the_year.windows(2).all(|w| w[1] - w[0] <= 40),
            "{in_the_year:?}"
        );
        assert!(days.iter().all(|d| *d < 0) && NEXT.day > 0);
    }

    #[test]
    fn every_item_is_minuted_in_a_section_and_every_action_item_has_owners() {
        for plan in all() {
            for item in plan.items {
                assert!(!item.title.is_empty());
                for action in item.actions {
                    assert!(!action.owners.is_empty(), "{}", action.text);
                    assert!(action.due >= 0, "{}", action.text);
                    if let End::Cancelled(reason) = action.end {
                        assert!(!reason.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn a_correction_supersedes_an_earlier_decision() {
        let mut keys = Vec::new();
        for plan in MEETINGS {
            for decision in plan.items.iter().flat_map(|i| i.decisions) {
                if let Some(old) = decision.supersedes {
                    assert!(keys.contains(&old), "{old}");
                }
                if !decision.key.is_empty() {
                    keys.push(decision.key);
                }
            }
        }
    }

    #[test]
    fn every_management_group_decision_of_the_stories_has_its_meeting_and_item() {
        for (code, day, author) in crate::db::demo_governance::management_group_decisions() {
            let meeting = MEETINGS
                .iter()
                .find(|m| m.day == day)
                .unwrap_or_else(|| panic!("{code}: a meeting on day {day}"));
            assert!(
                meeting.items.iter().any(|i| i.takes == Some(code)),
                "{code}: an item on day {day}"
            );
            // Four eyes: who wrote the directive does not decide it.
            assert_ne!(meeting.chair, author, "{code} on day {day}");
        }
        // And no item waits for a decision that never comes.
        let decisions = crate::db::demo_governance::management_group_decisions();
        for meeting in MEETINGS {
            for code in meeting.items.iter().filter_map(|i| i.takes) {
                assert!(
                    decisions
                        .iter()
                        .any(|(c, d, _)| *c == code && *d == meeting.day),
                    "{code} on day {}",
                    meeting.day
                );
            }
        }
    }

    #[test]
    fn a_registry_number_carries_the_decisions_year() {
        let on = NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date");
        assert_eq!(registry_number(("SN", 412), on), "SN 2026/0412");
    }
}
