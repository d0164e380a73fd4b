import { ROLE_HEADS } from '../lexicon.js';
import { amountSpans, numberSpans, ageSpans, isNumeral } from './extract/numbers.js';
import { nameSpans, personSpans } from './extract/names.js';
import { placeSpans } from './extract/places.js';
import { timeSpans } from './extract/times.js';
import { clauseSpans } from './extract/clauses.js';
import { reasonSpans } from './extract/reasons.js';
import type { QuestionView, SentenceView, Extracted } from './extract/view.js';

/** The kinds of answer a question can ask for; each is one row of ANSWER_TYPES. */
export type AnswerType =
  | 'who'
  | 'when'
  | 'where'
  | 'howmany'
  | 'howmuch'
  | 'howold'
  | 'name'
  | 'why'
  | 'yesno'
  | 'what';

/** What the question's opening says, for the rows' `asks` tests. */
export interface Opening {
  /** The question word (who, what, …), or the leading auxiliary of a yes/no question. */
  wh: string;
  /** The word after it ("many" of "how many"). */
  next: string;
  /** Stems of up to four words after what/which, to the first verb ("which [us television network]"). */
  nouns: string[];
}

/**
 * One answer type: how a question is recognised as asking for it, how well a sentence can hold
 * such an answer (a ranker feature), how its short answers are read from a sentence, and whether
 * sources can be compared (a date, a count, an amount: when articles disagree, the reply says so).
 * Rows are tried in order; the first whose `asks` holds types the question. Adding a type is
 * adding a row.
 */
export interface AnswerTypeRow {
  type: AnswerType;
  asks(o: Opening): boolean;
  /** Whether any sentence can answer it (what, yes/no): then every sentence fits it equally. */
  open: boolean;
  /**
   * Whether only an answer of this kind answers at all: a "how many" question whose best
   * sentences hold no count is declined rather than answered with a sentence.
   */
  required: boolean;
  extract(s: SentenceView, q: QuestionView): Extracted[];
  comparable: boolean;
}

const PLACE_NOUNS = new Set([
  'place',
  'city',
  'country',
  'town',
  'region',
  'venue',
  'capital',
  'state',
  'county',
  'village',
  'island',
  'stadium',
  'ground',
  'seat',
  'constituency',
  'nation',
  'continent',
  'location',
  'area',
  'district',
  'province',
  'port',
  'airport',
  'venue',
  'part',
  'suburb',
]);
const TIME_NOUNS = new Set(['year', 'date', 'day', 'month', 'week', 'season', 'decade', 'era', 'hour', 'period']);
const PEOPLE_NOUNS = new Set([
  'person',
  'people',
  'man',
  'woman',
  'player',
  'leader',
  'official',
  'rider',
  'actor',
  'actress',
  'singer',
  'star',
  'entrepreneur',
  'businessman',
  'politician',
  'athlete',
  'boxer',
  'golfer',
  'sprinter',
  'runner',
  'author',
  'writer',
  'director',
  'musician',
  'band',
  'artist',
  'rapper',
  'designer',
  'winner',
  'journalist',
  'presenter',
  'judge',
  'chief',
  'boss',
  'member',
  'peer',
  'lord',
  'mp',
]);
const AMOUNT_NOUNS = new Set([
  'time',
  'score',
  'deficit',
  'debt',
  'weight',
  'height',
  'distance',
  'speed',
  'price',
  'amount',
  'sum',
  'cost',
  'fee',
  'value',
  'salary',
  'fine',
  'figure',
  'rate',
  'share',
  'percentage',
  'proportion',
  'margin',
  'profit',
  'loss',
  'revenue',
  'total',
  'income',
  'earning',
  'wage',
  'pay',
  'budget',
  'bonus',
  'compensation',
  'payout',
  'investment',
  'spending',
  'turnover',
  'funding',
  'worth',
  'valuation',
  'bid',
  'odd',
]);
const COUNT_NOUNS = new Set([
  'number',
  'audience',
  'attendance',
  'crowd',
  'turnout',
  'population',
  'ranking',
  'majority',
]);
/** "Which world number 106 …", "the Wales number eight": a numbered label (a rank, a position), not a count. */
const numberLabel = (o: Opening) => o.nouns.some((n, i) => n === 'number' && isNumeral(o.nouns[i + 1] ?? ''));
const REASON_NOUNS = new Set(['reason', 'cause', 'excuse', 'explanation', 'grounds', 'motive']);
/** The verbs that open a yes/no question ("Did …", "Is …"); question.ts reads openings with them too. */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  'is',
  'are',
  'was',
  'were',
  'does',
  'do',
  'did',
  'can',
  'will',
  'has',
  'have',
  'had',
  'could',
  'should',
  'would',
]);

const isWhat = (o: Opening) => o.wh === 'what' || o.wh === 'which';
const headIs = (o: Opening, nouns: Set<string>) => isWhat(o) && o.nouns.some((n) => nouns.has(n));
/** "what kind of", "what sort of": the question asks for a description, not a name. */
const kindOf = (o: Opening) => ['kind', 'sort', 'type'].includes(o.nouns[0] ?? '');

export const ANSWER_TYPES: readonly AnswerTypeRow[] = [
  {
    type: 'howold',
    required: true,
    asks: (o) => (o.wh === 'how' && o.next === 'old') || headIs(o, new Set(['age'])),
    open: false,
    extract: ageSpans,
    comparable: true,
  },
  {
    type: 'howmuch',
    required: true,
    asks: (o) => (o.wh === 'how' && o.next === 'much') || (headIs(o, AMOUNT_NOUNS) && !kindOf(o)),
    open: false,
    extract: amountSpans,
    comparable: true,
  },
  {
    type: 'howmany',
    required: true,
    asks: (o) =>
      (o.wh === 'how' &&
        ['many', 'long', 'far', 'big', 'large', 'quickly', 'fast', 'often', 'high', 'tall'].includes(o.next)) ||
      (headIs(o, COUNT_NOUNS) && !numberLabel(o)),
    open: false,
    extract: numberSpans,
    comparable: true,
  },
  {
    type: 'when',
    required: true,
    asks: (o) => o.wh === 'when' || headIs(o, TIME_NOUNS),
    open: false,
    extract: timeSpans,
    comparable: true,
  },
  {
    type: 'where',
    required: false,
    asks: (o) => o.wh === 'where' || (headIs(o, PLACE_NOUNS) && !kindOf(o)),
    open: false,
    extract: placeSpans,
    comparable: false,
  },
  {
    type: 'who',
    required: false,
    asks: (o) =>
      o.wh === 'who' ||
      o.wh === 'whom' ||
      o.wh === 'whose' ||
      (isWhat(o) && o.nouns.some((n) => ROLE_HEADS.has(n) || PEOPLE_NOUNS.has(n))),
    open: false,
    extract: personSpans,
    comparable: false,
  },
  {
    type: 'why',
    required: false,
    asks: (o) => o.wh === 'why' || headIs(o, REASON_NOUNS),
    open: false,
    extract: reasonSpans,
    comparable: false,
  },
  {
    type: 'yesno',
    required: false,
    asks: (o) => AUXILIARIES.has(o.wh),
    open: true,
    // The sentence itself is the answer; whether it says yes or no is decided by yes-no.ts.
    extract: () => [],
    comparable: false,
  },
  {
    // "Which channel …", "What wireless technology …": a named thing of that kind.
    type: 'name',
    required: false,
    asks: (o) => isWhat(o) && o.nouns.length > 0 && !kindOf(o),
    open: false,
    // A name first; the clause the question leaves open when the thing has no capitalised name.
    // A person is a weak answer: a question asking for a person is typed "who", not "name".
    extract: (s, q) => [
      ...nameSpans(s, q).map((e) => (namesAPerson(s, e.text) ? { ...e, quality: e.quality / 2 } : e)),
      ...clauseSpans(s, q).map((e) => ({ ...e, quality: e.quality / 2 })),
    ],
    comparable: false,
  },
  {
    type: 'what',
    required: false,
    asks: () => true,
    open: true,
    extract: clauseSpans,
    comparable: false,
  },
];

/** The analysis typed the span, or a word of it, as a person. */
function namesAPerson(s: SentenceView, span: string): boolean {
  return s.entities.some((e) => e.type === 'person' && (e.text === span || span.includes(e.text)));
}

const BY_TYPE = new Map(ANSWER_TYPES.map((r) => [r.type, r]));

/** The row of a type. */
export function answerTypeRow(type: AnswerType): AnswerTypeRow {
  return BY_TYPE.get(type)!;
}

/**
 * How well a sentence can hold the type's answer: its best span's quality (0 without one); 1 for
 * open types. How much this counts is the ranker's fitted weight, not a constant here. The
 * extractors' graded qualities (a name beside the asked-for noun over one further off, a person
 * over a firm for "who") are an order, set by hand; against a yes/no fit (any span 1) they are
 * worth 3.7 points of cross-validated top-1 on the tuning half (74.6% against 70.9%) and 2.7 on
 * team-qa.json's (54.3% against 51.6%).
 */
export function typeFit(row: AnswerTypeRow, spans: readonly Extracted[]): number {
  return row.open ? 1 : Math.max(0, ...spans.map((e) => e.quality));
}

/** The first row whose `asks` holds. */
export function answerTypeOf(o: Opening): AnswerType {
  return ANSWER_TYPES.find((r) => r.asks(o))!.type;
}
