//! Word lists the attribution rules rely on: reporting verbs, the nouns that can speak,
//! titles that precede names, and pronouns. General English news usage, no article's words.

/// Reporting verbs in the forms news copy uses them (past, present, 3rd person).
pub const REPORTING_VERBS: &[&str] = &[
    "say", "says", "said", "tell", "tells", "told", "add", "adds", "added", "note", "notes",
    "noted", "argue", "argues", "argued", "contend", "contends", "contended", "caution",
    "cautions", "cautioned", "claim", "claims", "claimed", "allege", "alleges", "alleged",
    "deny", "denies", "denied", "reject", "rejects", "rejected", "rubbish", "rubbishes",
    "rubbished", "slam", "slams", "slammed", "report", "reports", "reported", "insist",
    "insists", "insisted", "warn", "warns", "warned", "state", "states", "stated", "explain",
    "explains", "explained", "confirm", "confirms", "confirmed", "announce", "announces",
    "announced", "acknowledge", "acknowledges", "acknowledged", "admit", "admits", "admitted",
    "stress", "stresses", "stressed", "maintain", "maintains", "maintained", "write", "writes",
    "wrote", "tweeted", "declare", "declares", "declared", "accuse", "accuses",
    "accused", "dismiss", "dismisses", "dismissed", "refute", "refutes", "refuted", "rebut",
    "rebuts", "rebutted", "suggest", "suggests", "suggested", "urge", "urges", "urged",
    "assert", "asserts", "asserted", "observe", "observes", "observed", "remark", "remarked",
    "reiterate", "reiterates", "reiterated", "emphasise", "emphasised", "emphasize",
    "emphasized", "clarify", "clarified", "concede", "concedes", "conceded", "estimate",
    "estimates", "estimated", "predict", "predicts", "predicted", "recall", "recalls",
    "recalled", "condemn", "condemns", "condemned", "criticise", "criticised", "criticize",
    "criticized", "blame", "blames", "blamed", "vow", "vows", "vowed", "pledge", "pledged",
    "reply", "replied", "respond", "responded", "counter", "countered", "complain",
    "complained", "disclose", "disclosed", "reveal", "revealed", "testify", "testified",
    "believes", "called", "calls", "described", "describes",
    "dubbed", "branded", "labelled", "labeled", "wondered", "quipped",
    "lamented", "contested", "disputed", "describe", "defend", "defends", "defended",
];

/// Verbs whose object is the listener ("sources told CNN that…").
pub const TELL_VERBS: &[&str] = &["tell", "tells", "told"];

/// Nouns that head a speaking noun phrase ("officials familiar with…", "the ministry").
pub const SPEAKER_NOUNS: &[&str] = &[
    "official", "officials", "source", "sources", "spokesperson", "spokesman", "spokeswoman",
    "spokespeople", "minister", "ministers", "ministry", "government", "governments",
    "department", "office", "agency", "police", "army", "military", "navy", "report",
    "statement", "analyst", "analysts", "expert", "experts", "observer", "observers", "critic",
    "critics", "resident", "residents", "witness", "witnesses", "people", "person", "president",
    "chief", "director", "head", "leader", "leaders", "lawyer", "lawyers", "attorney",
    "attorneys", "prosecutor", "prosecutors", "judge", "judges", "court", "company", "firm",
    "bank", "council", "committee", "board", "union", "party", "group", "organisation",
    "organization", "commission", "authority", "authorities", "economist", "economists",
    "researcher", "researchers", "scientist", "scientists", "doctor", "doctors", "study",
    "survey", "poll", "newspaper", "outlet", "channel", "broadcaster", "network", "media",
    "diplomat", "diplomats", "aide", "aides", "adviser", "advisers", "advisor", "advisors",
    "secretary", "governor", "mayor", "senator", "senators", "lawmaker", "lawmakers",
    "legislator", "legislators", "mp", "mps", "campaigner", "campaigners", "activist",
    "activists", "protester", "protesters", "protestors", "family", "families", "parent",
    "parents", "teacher", "teachers", "student", "students", "worker", "workers", "employee",
    "employees", "executive", "executives", "ceo", "founder", "chairman", "chairwoman", "chair",
    "manager", "managers", "owner", "owners", "inspector", "inspectors", "investigator",
    "investigators", "regulator", "regulators", "embassy", "administration", "cabinet",
    "spokespersons", "officer", "officers", "commander", "commanders", "general", "colonel",
    "delegation", "negotiator", "negotiators", "envoy", "ambassador", "representative",
    "representatives", "member", "members", "insider", "insiders", "farmers", "farmer",
    "villagers", "villager", "locals", "voters", "citizens", "journalist", "journalists",
    "editor", "editors", "reporter", "reporters", "correspondent", "paper", "daily", "website",
    "institute", "university", "hospital", "charity", "ngo", "coalition", "alliance",
    "opposition", "rebels", "militants", "spokesmen", "officialdom", "operator", "airline",
    "ministries", "agencies", "departments", "companies", "firms", "banks", "unions", "groups",
    "residents", "researchers", "physician", "physicians", "nurse", "nurses", "epidemiologist",
    "professor", "councillor", "councilor", "councillors", "senior", "insurer", "bureau",
    "advocate", "advocates", "supporter", "supporters", "opponent", "opponents", "homeowner",
    "homeowners", "tenant", "tenants", "renter", "renters", "neighbour", "neighbours",
    "neighbor", "neighbors", "shopkeeper", "shopkeepers", "trader", "traders", "commuters",
    "passengers", "patients", "victims", "survivors", "relatives", "colleagues", "allies",
    "rivals", "filings", "documents", "records", "figures", "data", "statistics", "note",
    "consultancy", "consultant", "consultants", "obstetrician", "midwives", "association",
    "federation", "ministry's", "spokesperson's", "secretary-general", "commentator",
    "commentators", "historian", "historians", "planner", "planners", "engineer", "engineers",
    "officials'", "owners", "buyer", "buyers", "bankers", "banker", "investors", "investor",
    "traders", "economy", "network", "agencies",
];

/// Words that open or stand in a title before a name ("Health Minister Jane Okafor").
pub const TITLE_WORDS: &[&str] = &[
    "adviser", "advisor", "minister", "ministry", "secretary", "president", "vice", "deputy",
    "prime", "chief", "director", "officer", "chairman", "chairwoman", "chair", "governor",
    "senator", "ambassador", "commissioner", "spokesperson", "spokesman", "spokeswoman",
    "mayor", "general", "field", "marshal", "lieutenant", "colonel", "captain", "major",
    "sergeant", "commander", "admiral", "judge", "justice", "king", "queen", "prince",
    "princess", "sheikh", "leader", "head", "ceo", "cfo", "coo", "founder", "executive",
    "affairs", "health", "finance", "foreign", "interior", "defence", "defense", "home",
    "education", "trade", "energy", "economy", "information", "political", "state",
    "minister's", "attorney", "rep.", "sen.", "gov.", "opposition", "party", "former",
    "acting", "senior", "interim", "managing", "police", "army", "board", "house", "speaker",
    "commissioner", "inspector", "superintendent", "councillor", "councilor", "treasurer",
    "envoy", "representative", "chancellor", "premier", "economic", "national", "security",
    "labour", "labor", "transport", "environment", "agriculture", "justice", "development",
];

/// Honorifics that belong with the name itself.
pub const HONORIFICS: &[&str] = &[
    "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "sir", "dame", "lord",
    "lady",
];

/// Personal pronouns that, as a subject, point back to an earlier speaker.
pub const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i"];

/// Words that end a clause when looking back from a verb for its subject.
pub const CLAUSE_WORDS: &[&str] = &[
    "that", "what", "which", "when", "while", "because", "but", "as", "if", "after", "before",
    "since", "although", "though", "whereas", "so", "where", "whether", "unless", "until",
    "than", "then", "also",
];

/// Adverbs and auxiliaries that may stand between a subject and its verb.
pub const BETWEEN_WORDS: &[&str] = &[
    "also", "further", "later", "earlier", "previously", "separately", "repeatedly", "recently",
    "reportedly", "then", "again", "once", "had", "has", "have", "was", "were", "is", "are",
    "would", "will", "could", "may", "might", "did", "does", "do", "not", "had", "publicly",
    "privately", "today", "yesterday", "tonight", "have", "subsequently", "already", "still",
    "too", "however", "meanwhile", "previously", "initially", "first",
];

/// Nouns for a report or statement, which as "the report added" refer back to its source.
pub const REPORT_NOUNS: &[&str] = &[
    "report", "reports", "story", "article", "statement", "outlet", "newspaper", "paper",
    "channel", "broadcaster", "publication", "piece", "dispatch", "memo", "document", "letter",
];

/// Days and months, which make a phrase a time phrase ("on Tuesday", "in March").
pub const TIME_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "week", "month", "year", "night", "morning", "afternoon",
    "evening", "weekend", "day", "today", "yesterday", "tonight", "ago",
];
