import { answerTypeRow, typeFit } from './answer-types.js';
import type { Question } from './question.js';
import type { Hit, Retrieval } from './retrieve.js';
import { wordTokens, type WordToken } from './terms.js';
import type { Extracted } from './extract/view.js';

/**
 * The ranker's inputs, in the order of its weight vector. Each is 0–1 (or a small count scaled
 * into it), so fitted weights compare. Names are what ranker-weights.json is keyed by.
 */
export const FEATURE_NAMES = [
  /** bm25 of the sentence over the question's terms, as a share of the best in the pool. */
  'bm25',
  /** idf-weighted share of the question's terms in the sentence. */
  'cover',
  /** … in the sentence and the sentences around it. */
  'coverNear',
  /** … of the question's words that are not names, in the sentence and its neighbours: what it asks about them. */
  'coverNearCommon',
  /** … in the sentence just before it alone (the question's setting is often there, its answer here). */
  'coverPrev',
  /** … in the sentence just after it alone. */
  'coverNext',
  /** … in the article's headline. */
  'coverHeadline',
  /** … anywhere in the article. */
  'coverArticle',
  /** The article's bm25 as a share of the best article's. */
  'article',
  /** The article ranks first. */
  'articleFirst',
  /** Matched terms sit close together (matched / window size). */
  'proximity',
  /** Adjacent question word pairs found adjacent in the sentence (up to 3, scaled). */
  'pairs',
  /** The answer type's fit test (answer-types.ts). */
  'typeFit',
  /** A short answer of the type lies within a few words of a question word. */
  'typeNear',
  /** typeFit × coverNear: the sentence holds an answer and it, with its neighbours, the question's setting. */
  'typedNear',
  /** bm25 as a share of the best in the same article. */
  'bm25InArticle',
  /** idf-weighted share of the question's terms that are not in the headline, found in the sentence. */
  'coverBeyondHeadline',
  /** The asked-about thing ("how many troops") is in the sentence (1 when the question has none). */
  'focus',
  /** Share of the question's names in the sentence. */
  'names',
  /** The article's first sentence. */
  'lead',
  /** Position in the article, 0 at the start, 1 at the end. */
  'position',
  /** Share of the sentence's content words the question does not have (an answer adds something). */
  'novelty',
  /** For "what did X say": the sentence names the speaker and reports speech, or quotes beside one that names them. */
  'speaker',
  /** For "what did X say": the sentence quotes someone's words (in quotation marks). */
  'quoted',
  /** A short answer of the type holds or sits within three words of the asked-for noun ("the port city of Visakhapatnam"). */
  'nounNear',
  /** 0 when the question names a year and the sentence names only other years (it reports another time), else 1. */
  'yearAgrees',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * Features that can only make a sentence a better answer: more of the question's words, a better
 * article, an answer of the asked kind. Their fitted weights are kept at zero or above, so a fit
 * on a few hundred questions cannot learn that covering the question is a bad sign (correlated
 * features otherwise trade large opposite weights). Position, novelty and the neighbours' own
 * coverage are free: either sign can be right for them.
 */
const FREE_SIGN: ReadonlySet<FeatureName> = new Set<FeatureName>([
  'coverPrev',
  'coverNext',
  'lead',
  'position',
  'novelty',
]);
export const NON_NEGATIVE: ReadonlySet<FeatureName> = new Set(FEATURE_NAMES.filter((n) => !FREE_SIGN.has(n)));
export type Features = Float64Array;

const QUOTE_MARK = /[“”"]/;
const SPEECH_VERB =
  /\b(said|says|told|added|argued|claimed|warned|insisted|predicted|described|called|according to)\b/i;
const SPEECH = new RegExp(`[“”"]|${SPEECH_VERB.source}`, 'i');

/** "X said" / "said X" with X a noun, not "he said": the words are X's. */
const SAID_BY = /\b(\w+)\s+(?:said|says|told|added)\b|\b(?:said|says|added)\s+(?:the\s+)?(\w+)/gi;
/** Words beside "said" that are not someone else speaking: pronouns (maybe the speaker) and auxiliaries. */
const NOT_ANOTHER_SPEAKER = /^(he|she|they|it|we|i|who|which|that|and|but|has|had|have|was|is|also)$/i;
function saidByNonPronoun(text: string): boolean {
  for (const m of text.matchAll(SAID_BY)) {
    const who = m[1] ?? m[2];
    if (who && !NOT_ANOTHER_SPEAKER.test(who)) return true;
  }
  return false;
}

/** Smallest token window holding every matched term, as matched/size (1 = adjacent). */
function proximity(tokens: WordToken[], keys: ReadonlySet<string>): number {
  const pos: { i: number; key: string }[] = [];
  tokens.forEach((t, i) => {
    if (keys.has(t.key)) pos.push({ i, key: t.key });
  });
  const need = new Set(pos.map((p) => p.key)).size;
  if (need <= 1) return need ? 1 : 0;
  const count = new Map<string, number>();
  let have = 0;
  let best = Infinity;
  let lo = 0;
  for (let hi = 0; hi < pos.length; hi++) {
    const k = pos[hi].key;
    count.set(k, (count.get(k) ?? 0) + 1);
    if (count.get(k) === 1) have++;
    while (have === need) {
      best = Math.min(best, pos[hi].i - pos[lo].i + 1);
      const lk = pos[lo].key;
      count.set(lk, count.get(lk)! - 1);
      if (count.get(lk) === 0) have--;
      lo++;
    }
  }
  return need / best;
}

/** The tokens from `reach` words before the span to `reach` words after it (the span's own included). */
function around(text: string, span: string, tokens: WordToken[], reach: number): WordToken[] {
  const at = text.indexOf(span);
  if (at < 0) return [];
  const first = tokens.findIndex((t) => t.end > at);
  const last = tokens.findIndex((t) => t.start >= at + span.length);
  const lo = Math.max(0, first - reach);
  const hi = last < 0 ? tokens.length : Math.min(tokens.length, last + reach);
  return tokens.slice(lo, hi);
}

/** The span sits within six words of a matched question word (outside the span). */
function near(text: string, span: string, tokens: WordToken[], matched: ReadonlySet<string>): boolean {
  const at = text.indexOf(span);
  return around(text, span, tokens, 6).some((t) => matched.has(t.key) && (t.end <= at || t.start >= at + span.length));
}

/** The span holds the noun or sits within three words of it. */
function besideNoun(text: string, span: string, tokens: WordToken[], noun: string): boolean {
  return around(text, span, tokens, 3).some((t) => t.key === noun);
}

const YEAR = /\b(?:1[89]|20)\d\d\b/g;

/** Whether the sentence's years leave room for the question's: it names none, or one of them. */
export function yearsAgree(question: ReadonlySet<string>, sentence: string): boolean {
  if (!question.size) return true;
  const stated = sentence.match(YEAR);
  return !stated || stated.some((y) => question.has(y));
}

/** The question's adjacent content-word pairs, once per question. */
export function questionPairs(q: Question): Set<string> {
  const content = q.tokens.filter((t) => !t.stop && !t.part);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < content.length; i++) pairs.add(`${content[i].key} ${content[i + 1].key}`);
  return pairs;
}

/** What every hit's features share: computed once per question and retrieval. */
export interface FeatureContext {
  q: Question;
  r: Retrieval;
  pairs: Set<string>;
  /** Sum of the question's idf-weighted term weights. */
  total: number;
  /** Raw bm25 of each hit, and the best per article and in the pool. */
  bm25: Map<Hit, number>;
  bestInArticle: Map<string, number>;
  bestBm25: number;
  speakerKeys: Set<string>;
  /** The years the question names ("in May 2005"). */
  years: Set<string>;
}

/** Okapi BM25's usual k1 and b, the ones FTS5's bm25() uses, so this score and the store's agree. */
const K1 = 1.2;
const B = 0.75;

function bm25(tokens: WordToken[], q: Question, r: Retrieval, avgLength: number): number {
  const tf = new Map<string, number>();
  for (const t of tokens) if (q.keys.has(t.key)) tf.set(t.key, (tf.get(t.key) ?? 0) + 1);
  let s = 0;
  for (const [k, f] of tf)
    s += (r.idf.get(k) ?? 0) * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * tokens.length) / avgLength)));
  return s;
}

export function featureContext(q: Question, r: Retrieval): FeatureContext {
  const avgLength = r.hits.reduce((s, h) => s + h.tokens.length, 0) / Math.max(1, r.hits.length) || 1;
  const scores = new Map(r.hits.map((h) => [h, bm25(h.tokens, q, r, avgLength)]));
  const bestInArticle = new Map<string, number>();
  for (const [h, v] of scores)
    bestInArticle.set(h.sentence.articleId, Math.max(1e-9, v, bestInArticle.get(h.sentence.articleId) ?? 0));
  const bestBm25 = Math.max(1e-9, ...scores.values());
  const speakerKeys = new Set(
    q.said
      ? q.tokens.filter((t) => !t.stop && /^\p{Lu}/u.test(t.text) && q.said!.speaker.includes(t.text)).map((t) => t.key)
      : [],
  );
  return {
    q,
    r,
    pairs: questionPairs(q),
    total: q.terms.reduce((s, t) => s + t.weight * (r.idf.get(t.key) ?? 1), 0) || 1,
    bm25: scores,
    bestInArticle,
    bestBm25,
    speakerKeys,
    years: new Set(q.text.match(YEAR) ?? []),
  };
}

/** The feature vector of one hit, in FEATURE_NAMES order, and the short answers its type reads from it. */
export function featuresOf(hit: Hit, ctx: FeatureContext): { features: Features; spans: Extracted[] } {
  const { q, r } = ctx;
  const keys = new Set(hit.tokens.map((t) => t.key));
  const share = (has: (k: string) => boolean) =>
    q.terms.reduce((s, t) => s + (has(t.key) ? t.weight * (r.idf.get(t.key) ?? 1) : 0), 0) / ctx.total;
  const matched = new Set(q.terms.filter((t) => keys.has(t.key)).map((t) => t.key));
  const content = hit.tokens.filter((t) => !t.stop && !t.part);
  let pairs = 0;
  for (let i = 0; i + 1 < content.length; i++) if (ctx.pairs.has(`${content[i].key} ${content[i + 1].key}`)) pairs++;
  const focus = q.terms.filter((t) => t.focus);
  const proper = q.terms.filter((t) => t.proper);
  const s = hit.sentence;
  const view = { text: s.text, tokens: hit.tokens, entities: s.entities, dates: s.dates, hasNumber: s.hasNumber };
  const row = answerTypeRow(q.type);
  const spans = row.extract(view, q);
  const raw = ctx.bm25.get(hit) ?? 0;
  const beyond = q.terms.filter((t) => !hit.headlineKeys.has(t.key));
  const beyondTotal = beyond.reduce((a, t) => a + t.weight * (r.idf.get(t.key) ?? 1), 0);
  // The speaker is named in the sentence itself, or beside a sentence that quotes (the quotation
  // runs on from "X said" before it): a neighbour naming X does not make any "said" in it X's.
  const speakerHere = [...ctx.speakerKeys].some((k) => keys.has(k));
  const speakerBeside = [...ctx.speakerKeys].some((k) => hit.prevKeys.has(k) || hit.nextKeys.has(k));
  // A quotation the sentence gives to someone else is not the neighbour's speaker's: someone it
  // names ("Mr Sharon said he had not seen 'the slightest step'"), or anyone it says speaks but by
  // a pronoun, which may be the speaker ("Senior administration officials said …").
  const othersWords = () =>
    !speakerHere &&
    SPEECH_VERB.test(s.text) &&
    (s.entities.some((e) => e.type === 'person' && !wordTokens(e.text).some((t) => ctx.speakerKeys.has(t.key))) ||
      saidByNonPronoun(s.text));
  const spoken = (speakerHere && SPEECH.test(s.text)) || (speakerBeside && QUOTE_MARK.test(s.text) && !othersWords());
  const values: Record<FeatureName, number> = {
    bm25: raw / ctx.bestBm25,
    cover: share((k) => keys.has(k)),
    coverNear: share((k) => keys.has(k) || hit.prevKeys.has(k) || hit.nextKeys.has(k)),
    coverNearCommon: 0,
    coverPrev: share((k) => hit.prevKeys.has(k)),
    coverNext: share((k) => hit.nextKeys.has(k)),
    coverHeadline: share((k) => hit.headlineKeys.has(k)),
    coverArticle: share((k) => hit.articleKeys.has(k)),
    article: hit.articleScore,
    articleFirst: hit.articleRank === 0 ? 1 : 0,
    proximity: proximity(hit.tokens, matched),
    pairs: Math.min(3, pairs) / 3,
    typeFit: typeFit(row, spans),
    typedNear: 0,
    typeNear: spans.some((e) => near(s.text, e.text, hit.tokens, matched)) ? 1 : 0,
    bm25InArticle: raw / (ctx.bestInArticle.get(s.articleId) ?? 1e-9),
    coverBeyondHeadline: beyondTotal
      ? beyond.reduce((a, t) => a + (keys.has(t.key) ? t.weight * (r.idf.get(t.key) ?? 1) : 0), 0) / beyondTotal
      : 0,
    focus: focus.length ? focus.filter((t) => keys.has(t.key)).length / focus.length : 1,
    names: proper.length ? proper.filter((t) => keys.has(t.key)).length / proper.length : 1,
    lead: s.idx === 0 ? 1 : 0,
    position: hit.articleLength > 1 ? s.idx / (hit.articleLength - 1) : 0,
    novelty: content.length ? content.filter((t) => !q.keys.has(t.key)).length / content.length : 0,
    speaker: q.said && spoken ? 1 : 0,
    quoted: q.said && QUOTE_MARK.test(s.text) ? 1 : 0,
    nounNear: q.whNoun && spans.some((e) => besideNoun(s.text, e.text, hit.tokens, q.whNoun!)) ? 1 : 0,
    yearAgrees: yearsAgree(ctx.years, s.text) ? 1 : 0,
  };
  values.typedNear = values.typeFit * values.coverNear;
  const common = q.terms.filter((t) => !t.proper);
  const commonTotal = common.reduce((a, t) => a + t.weight * (r.idf.get(t.key) ?? 1), 0);
  values.coverNearCommon = commonTotal
    ? common.reduce(
        (a, t) =>
          a +
          (keys.has(t.key) || hit.prevKeys.has(t.key) || hit.nextKeys.has(t.key)
            ? t.weight * (r.idf.get(t.key) ?? 1)
            : 0),
        0,
      ) / commonTotal
    : 1;
  return { features: Float64Array.from(FEATURE_NAMES, (n) => values[n]), spans };
}
