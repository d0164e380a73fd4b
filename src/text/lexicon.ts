/**
 * Closed-class word lists the heuristics rely on. These are kinds of words (titles, suffixes,
 * speech verbs), not names of particular people or places: the analysis stays gazetteer-free.
 */

/** Nouns that head a role: "Secretary", "spokesperson", "coach". */
export const ROLE_HEADS = new Set(
  (
    'president vice-president secretary minister premier chancellor governor senator sen. congressman congresswoman ' +
    'representative rep. ambassador envoy consul mayor director director-general chief ceo chairman chairwoman chair ' +
    'chairperson head leader commissioner judge justice king queen prince princess pope bishop archbishop cardinal ' +
    'officer official spokesperson spokesman spokeswoman adviser advisor aide deputy undersecretary treasurer ' +
    'general colonel lieutenant commander admiral sergeant captain inspector superintendent detective ' +
    'coach manager striker midfielder defender goalkeeper winger player actor actress singer boss founder ' +
    'co-founder owner analyst economist strategist editor correspondent reporter professor researcher scientist ' +
    'lawyer attorney prosecutor mp mep candidate champion presenter host producer executive president-elect ' +
    'counsel sheriff emir sultan sheikh chancellor-elect baroness'
  ).split(/\s+/),
);

/** Words that qualify a role head without heading it: "Foreign", "Prime", "Attorney". */
export const ROLE_MODIFIERS = new Set(
  (
    'foreign prime home interior defense defence finance trade health education energy justice homeland security ' +
    'senior junior vice deputy acting former chief executive general attorney assistant principal state federal ' +
    'national regional shadow first top managing commerce economy labor labour agriculture transport culture sports ' +
    'environment treasury press communications public cabinet'
  ).split(/\s+/),
);

/** Honorifics that mark a following name as a person. */
export const HONORIFICS = new Set([
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'dr',
  'dr.',
  'sr.',
  'sra.',
  'sir',
  'dame',
  'lord',
  'lady',
  'prof.',
  'professor',
]);

/** Last words that make a proper-noun run an organisation. */
export const ORG_SUFFIXES = new Set(
  (
    'department ministry initiative organization organisation agency commission council committee bank party union ' +
    'association institute university college school corporation corp corp. inc inc. ltd ltd. plc llc group company co ' +
    'co. fund framework office court parliament congress senate assembly police army navy force forces service services ' +
    'board authority federation league club fc foundation bureau administration airways airlines motors industries ' +
    'holdings partners studios records network networks news times post journal press reuters agency cabinet government ' +
    'alliance coalition movement front brigade tribunal programme program project centre center hospital church ' +
    'democrats republicans conservatives socialists greens dems tories nationalists'
  ).split(/\s+/),
);

/** Last words that make a proper-noun run a place. */
export const PLACE_SUFFIXES = new Set(
  (
    'city town village county province state republic kingdom island islands sea ocean river mountains valley region ' +
    'coast gulf bay peninsula desert street avenue road square district territory strip border capital'
  ).split(/\s+/),
);

/** Prepositions after which a proper noun is usually a place ("in Paris", "from Mexico"). */
export const PLACE_PREPOSITIONS = new Set([
  'in',
  'at',
  'from',
  'to',
  'into',
  'near',
  'across',
  'throughout',
  'outside',
  'inside',
  'toward',
  'towards',
]);

/** Verbs that attribute speech or a stated view to their subject. */
export const SPEECH_VERBS = new Set(
  (
    'said says say told tells added adds asked asks stated states announced announces explained explains argued argues ' +
    'warned warns insisted insists noted notes wrote writes suggested suggests claimed claims acknowledged acknowledges ' +
    'admitted admits replied replies urged urges declared declares confirmed confirms denied denies stressed stresses ' +
    'believes believed thinks thought predicted predicts'
  ).split(/\s+/),
);

export const WEEKDAYS: readonly string[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

/** Month names and their usual abbreviations, to month number 1–12. */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    january: 1,
    jan: 1,
    'jan.': 1,
    february: 2,
    feb: 2,
    'feb.': 2,
    march: 3,
    mar: 3,
    'mar.': 3,
    april: 4,
    apr: 4,
    'apr.': 4,
    may: 5,
    june: 6,
    jun: 6,
    'jun.': 6,
    july: 7,
    jul: 7,
    'jul.': 7,
    august: 8,
    aug: 8,
    'aug.': 8,
    september: 9,
    sep: 9,
    'sep.': 9,
    sept: 9,
    'sept.': 9,
    october: 10,
    oct: 10,
    'oct.': 10,
    november: 11,
    nov: 11,
    'nov.': 11,
    december: 12,
    dec: 12,
    'dec.': 12,
  }),
);

/** Adjectives of nationality, so "Mexican Foreign Secretary" gives the affiliation "Mexico". */
export const DEMONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    american: 'U.S.',
    mexican: 'Mexico',
    canadian: 'Canada',
    british: 'UK',
    english: 'England',
    scottish: 'Scotland',
    welsh: 'Wales',
    irish: 'Ireland',
    french: 'France',
    german: 'Germany',
    italian: 'Italy',
    spanish: 'Spain',
    portuguese: 'Portugal',
    dutch: 'Netherlands',
    belgian: 'Belgium',
    swiss: 'Switzerland',
    austrian: 'Austria',
    swedish: 'Sweden',
    norwegian: 'Norway',
    danish: 'Denmark',
    finnish: 'Finland',
    polish: 'Poland',
    russian: 'Russia',
    ukrainian: 'Ukraine',
    greek: 'Greece',
    turkish: 'Turkey',
    chinese: 'China',
    japanese: 'Japan',
    korean: 'Korea',
    indian: 'India',
    pakistani: 'Pakistan',
    iranian: 'Iran',
    iraqi: 'Iraq',
    israeli: 'Israel',
    palestinian: 'Palestine',
    saudi: 'Saudi Arabia',
    egyptian: 'Egypt',
    syrian: 'Syria',
    afghan: 'Afghanistan',
    australian: 'Australia',
    brazilian: 'Brazil',
    argentine: 'Argentina',
    argentinian: 'Argentina',
    colombian: 'Colombia',
    venezuelan: 'Venezuela',
    cuban: 'Cuba',
    chilean: 'Chile',
    peruvian: 'Peru',
    nigerian: 'Nigeria',
    kenyan: 'Kenya',
    'south african': 'South Africa',
    european: 'EU',
    african: 'Africa',
    guatemalan: 'Guatemala',
    honduran: 'Honduras',
    salvadoran: 'El Salvador',
  }),
);

/** Country abbreviations written with full stops, treated as places. */
export const COUNTRY_ABBREVS = new Set([
  'u.s.',
  'us',
  'u.k.',
  'uk',
  'u.s.a.',
  'usa',
  'e.u.',
  'eu',
  'u.n.',
  'un',
  'uae',
]);
