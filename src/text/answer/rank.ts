import type { SentenceHit } from '../../store/article-store.js';
import type { QuestionAnalysis } from './question.js';
import { wordTokens, type WordToken } from './terms.js';

type OkQuestion = Extract<QuestionAnalysis, { kind: 'ok' }>;

/** A sentence scored against a question. */
export interface Candidate {
  hit: SentenceHit;
  tokens: WordToken[];
  /** idf-weighted share of the question's terms the sentence contains, 0–1. */
  coverage: number;
  /** How well the sentence can supply the asked-for kind of answer, 0–1. */
  typeFit: number;
  score: number;
  matched: Set<string>;
}

/** Inverse document frequency of each term key, from sentence counts in the store. */
export type IdfTable = Map<string, number>;

const WHY_CUES = /\b(because|since|so that|in order to|due to|after|as a result|aimed at|to)\b/i;
const PLACE_PHRASE = /\b(in|at|from|near|inside|outside)\s+(the\s+)?(\p{Lu}|[\p{Ll}]+\s+\p{Lu}|[\p{Ll}]+\s+capital)/u;

function typeFit(q: OkQuestion, hit: SentenceHit, qKeys: Set<string>): number {
  const foreign = (text: string) => !wordTokens(text).every((t) => qKeys.has(t.key));
  switch (q.type) {
    case 'who': {
      if (hit.entities.some((e) => e.type === 'person' && foreign(e.text))) return 1;
      if (hit.entities.some((e) => e.type === 'org' && foreign(e.text))) return 0.75;
      return 0.35;
    }
    case 'when':
      return hit.dates.length ? 1 : 0.35;
    case 'where':
      return hit.entities.some((e) => e.type === 'place' && foreign(e.text)) || PLACE_PHRASE.test(hit.text) ? 1 : 0.4;
    case 'howmany':
    case 'howold':
      return hit.hasNumber ? 1 : 0.25;
    case 'why':
      return WHY_CUES.test(hit.text) ? 1 : 0.6;
    default:
      return 1;
  }
}

/** Smallest token window holding every matched term, as matched/size (1 = adjacent). */
function proximity(tokens: WordToken[], keys: Set<string>): number {
  const pos: { i: number; key: string }[] = [];
  tokens.forEach((t, i) => keys.has(t.key) && pos.push({ i, key: t.key }));
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

/** Question word pairs that appear side by side in the sentence ("news conference", "Mexico City"). */
function questionPairs(q: OkQuestion): Set<string> {
  const qTokens = wordTokens(q.text).filter((t) => !t.stop && !t.part);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < qTokens.length; i++) pairs.add(qTokens[i].key + ' ' + qTokens[i + 1].key);
  return pairs;
}

function phraseMatches(pairs: Set<string>, tokens: WordToken[]): number {
  let n = 0;
  const content = tokens.filter((t) => !t.stop && !t.part);
  for (let i = 0; i + 1 < content.length; i++) if (pairs.has(content[i].key + ' ' + content[i + 1].key)) n++;
  return n;
}

const titleCache = new Map<string, Set<string>>();
function titleKeysOf(title: string): Set<string> {
  let k = titleCache.get(title);
  if (!k) {
    if (titleCache.size > 5000) titleCache.clear();
    k = new Set(wordTokens(title).filter((t) => !t.stop).map((t) => t.key));
    titleCache.set(title, k);
  }
  return k;
}

/**
 * Reranks BM25 hits: idf-weighted term coverage, answer-type fit, term proximity, adjacent
 * question phrases and the store's own bm25, plus recency for "latest"/"now" questions.
 */
export function rankCandidates(q: OkQuestion, hits: SentenceHit[], idf: IdfTable): Candidate[] {
  const qKeys = new Set(q.terms.map((t) => t.key));
  const total = q.terms.reduce((s, t) => s + t.weight * (idf.get(t.key) ?? 1), 0) || 1;
  const maxBm25 = Math.max(1e-9, ...hits.map((h) => h.score));
  const dates = hits.map((h) => h.article.published ?? '').filter(Boolean).sort();
  const pairs = questionPairs(q);
  const oldest = dates[0];
  const newest = dates[dates.length - 1];
  const out: Candidate[] = [];
  for (const hit of hits) {
    const tokens = wordTokens(hit.text);
    const keys = new Set(tokens.map((t) => t.key));
    const titleKeys = titleKeysOf(hit.article.title);
    const matched = new Set<string>();
    let got = 0;
    let focusMissing = false;
    for (const t of q.terms) {
      if (keys.has(t.key)) {
        matched.add(t.key);
        got += t.weight * (idf.get(t.key) ?? 1);
      } else {
        // The headline states what the article is about: a word there counts for half.
        if (titleKeys.has(t.key)) got += 0.5 * t.weight * (idf.get(t.key) ?? 1);
        if (t.focus) focusMissing = true;
      }
    }
    let coverage = got / total;
    // The thing asked about must be there: "how many troops" is not answered by a sentence without troops.
    if (focusMissing) coverage *= 0.6;
    const fit = typeFit(q, hit, qKeys);
    let score = coverage * (0.55 + 0.45 * fit) + 0.08 * proximity(tokens, matched) + 0.05 * Math.min(3, phraseMatches(pairs, tokens)) + 0.05 * (hit.score / maxBm25);
    if (q.latest && hit.article.published && oldest && newest && newest > oldest) {
      const age = (Date.parse(newest) - Date.parse(hit.article.published)) / Math.max(1, Date.parse(newest) - Date.parse(oldest));
      score += 0.15 * (1 - age);
    }
    out.push({ hit, tokens, coverage, typeFit: fit, score, matched });
  }
  return out.sort((a, b) => b.score - a.score || a.hit.idx - b.hit.idx);
}
