import type { PersonCard } from '../../store/article-store.js';
import type { QuestionAnalysis } from './question.js';
import type { Candidate } from './rank.js';
import { wordTokens, type WordToken } from './terms.js';
import { informative, nameAt, restates } from './name-span.js';
import { appositiveName, purposeSpan, quotedWords, trimEdges } from './span-parts.js';
import { parseSaid } from './said.js';

type OkQuestion = Extract<QuestionAnalysis, { kind: 'ok' }>;

const NAME = "\\p{Lu}[\\p{L}'’-]*(?:\\s+\\p{Lu}[\\p{L}'’-]*)*";
const NAME_LIST = new RegExp(`^\\s+(${NAME}(?:(?:,\\s*|\\s+and\\s+|,\\s+and\\s+)${NAME})*)`, 'u');
const BOUNDARY = /[,;:()“”"—–]|\s-\s/g;
const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'dozen', 'dozens', 'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'half']);

function listJoin(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Character offsets of clause boundaries (commas, semicolons, quotation marks, dashes). */
function boundaries(text: string): number[] {
  return [...text.matchAll(BOUNDARY)].map((m) => m.index!);
}

/** The clause around a character offset. */
function clauseAt(text: string, at: number, cuts: number[]): [number, number] {
  let s = 0;
  let e = text.length;
  for (const c of cuts) {
    if (c < at) s = c + 1;
    else if (c >= at) {
      e = c;
      break;
    }
  }
  return [s, e];
}


function contentCount(s: string): number {
  return wordTokens(s).filter((t) => !t.stop && !t.part).length;
}

/** who: the people (or organisations) in the sentence the question does not already name. */
function whoSpan(q: OkQuestion, c: Candidate, people: Map<string, PersonCard>): string | undefined {
  const qKeys = new Set(q.terms.map((t) => t.key));
  const named = (text: string) => wordTokens(text).every((t) => qKeys.has(t.key));
  // A person the question names by any part of their name ("Lopez Obrador") is not the answer.
  const properKeys = new Set(q.terms.filter((t) => t.proper).map((t) => t.key));
  const display = (e: { key?: string; text: string }) => (e.key && people.get(e.key)?.name) || e.text;
  const namedPerson = (e: { key?: string; text: string }) => named(e.text) || wordTokens(display(e)).some((t) => properKeys.has(t.key));
  const seen = new Set<string>();
  const persons = c.hit.entities.filter((e) => e.type === 'person' && !namedPerson(e) && !seen.has(e.key ?? e.text) && seen.add(e.key ?? e.text));
  if (persons.length) {
    if (q.plural) return listJoin(persons.map(display));
    // Prefer the person whose stated role matches the question ("Mexico's president").
    let best = persons[0];
    let bestScore = -1;
    for (const p of persons) {
      const card = p.key ? people.get(p.key) : undefined;
      const around = `${card?.roles.join(' ') ?? ''} ${card?.affiliation ?? ''}`;
      const keys = new Set(wordTokens(around).map((t) => t.key));
      const score = q.terms.reduce((s, t) => s + (keys.has(t.key) ? t.weight : 0), 0);
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    return display(best);
  }
  const orgs = c.hit.entities.filter((e) => e.type === 'org' && !named(e.text));
  return orgs.length ? (q.plural ? listJoin(orgs.map((o) => o.text)) : orgs[0].text) : undefined;
}

/** Time phrases that are not a single day ("in 2019", "in March 2020", "last year"). */
const LOOSE_TIME = /\b(?:(?:in|since|by|during|until)\s+the\s+(?:(?:early|late|mid-)\s*)?(?:1[89]|20)\d0s|(?:in|since|by|during|until)\s+(?:(?:early|late|mid-)\s*)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:1[89]|20)\d\d|(?:last|next|this|earlier this|later this)\s+(?:week|month|year|spring|summer|autumn|fall|winter))\b/;

function whenSpan(c: Candidate): string | undefined {
  const d = c.hit.dates[0];
  if (d) return d.text === d.date ? d.date : `${d.text} (${d.date})`;
  return LOOSE_TIME.exec(c.hit.text)?.[0];
}

const PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'inside', 'outside', 'to', 'into', 'across', 'throughout']);
/** Prepositions of direction: only a named place after them counts ("trip to Europe", not "to assist"). */
const NAMED_ONLY = new Set(['to', 'into']);
const PLACE_NOUNS = /^(capital|city|town|village|border|region|province|state|country|island|coast|port|airport|hospital|court|parliament|embassy|headquarters)$/i;
const WEEKDAY_OR_MONTH = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)$/i;

/** where: the place phrase after the question's words ("at a news conference in the French capital"). */
function whereSpan(q: OkQuestion, c: Candidate): string | undefined {
  const text = c.hit.text;
  const toks = c.tokens.filter((t) => !t.part);
  const qKeys = new Set(q.terms.map((t) => t.key));
  const lastMatch = Math.max(-1, ...toks.filter((t) => qKeys.has(t.key)).map((t) => t.end));
  let best: { s: string; d: number } | undefined;
  let loose: { s: string; d: number } | undefined;
  for (let i = 0; i < toks.length - 1; i++) {
    if (!PREPOSITIONS.has(toks[i].text.toLowerCase())) continue;
    let j = i + 1;
    if (/^(the|a|an)$/i.test(toks[j].text)) j++;
    // Not a named place but still a setting ("at a working breakfast"): kept as a fallback.
    const plain = NAMED_ONLY.has(toks[i].text.toLowerCase()) ? undefined : plainPhrase(text, toks, j);
    if (plain && !toks.slice(j, plain.end).every((t) => qKeys.has(t.key))) {
      const d0 = toks[i].start >= lastMatch ? toks[i].start - lastMatch : 1000 + (lastMatch - toks[i].start);
      if (!loose || d0 < loose.d) loose = { s: text.slice(toks[i + 1].start, toks[plain.end - 1].end), d: d0 };
    }
    const from = j;
    let placeLike = false;
    while (j < toks.length && j - from < 7) {
      const t = toks[j];
      if (/[,;:.()“”"]/.test(text.slice(toks[j - 1].end, t.start)) || WEEKDAY_OR_MONTH.test(t.text)) break;
      // Joining words inside a name ("Organization for Economic Cooperation and Development").
      const joins = /^(of|for|and|de)$/i.test(t.text) && placeLike && j + 1 < toks.length && /^\p{Lu}/u.test(toks[j + 1].text);
      if (t.stop && !joins) break;
      if (joins) {
        j++;
        continue;
      }
      if (/^\p{Lu}/u.test(t.text) || PLACE_NOUNS.test(t.text)) placeLike = true;
      else if (!(j + 1 < toks.length && (/^\p{Lu}/u.test(toks[j + 1].text) || PLACE_NOUNS.test(toks[j + 1].text)))) {
        if (!placeLike) break;
        if (!PLACE_NOUNS.test(t.text)) break;
      }
      j++;
    }
    if (!placeLike || j === from || /^\d/.test(toks[from].text)) continue;
    const phraseToks = toks.slice(from, j);
    if (phraseToks.every((t) => qKeys.has(t.key) || t.stop)) continue;
    const phrase = text.slice(toks[i + 1].start, toks[j - 1].end);
    const d = toks[i].start >= lastMatch ? toks[i].start - lastMatch : 1000 + (lastMatch - toks[i].start);
    if (!best || d < best.d) best = { s: phrase, d };
  }
  if (best) return best.s;
  const places = c.hit.entities.filter((e) => e.type === 'place' && !wordTokens(e.text).every((t) => qKeys.has(t.key)));
  return places[0]?.text ?? loose?.s;
}

/** Up to four words after a preposition, stopping at punctuation or a function word. */
function plainPhrase(text: string, toks: WordToken[], from: number): { end: number } | undefined {
  let j = from;
  while (j < toks.length && j - from < 4) {
    if (j > from && /[,;:.()“”"]/.test(text.slice(toks[j - 1].end, toks[j].start))) break;
    if (toks[j].stop) break;
    j++;
  }
  // "in 1985", "on Friday" are times, not places.
  if (j > from && (/^\d/.test(toks[from].text) || WEEKDAY_OR_MONTH.test(toks[from].text))) return undefined;
  return j > from ? { end: j } : undefined;
}

const MONEY_VERBS = /\b(pay|paid|pays|cost|costs|spend|spent|sell|sold|buy|bought|worth|price|charge|charged|raise|raised|earn|earned|fund|funding|invest|invested|owe|owed|fine|fined)\b/i;
/** A sum of money: a currency sign or word, or an amount in millions/billions ("$156m", "£2bn", "5 million euros"). */
const MONEY_SPAN = /[$£€¥]|\b\d[\d.,]*\s*(m|bn|k|million|billion|trillion)\b|\b(dollars?|pounds?|euros?|yen|rupees?|yuan|pesos?)\b/i;

function isNumberToken(t: WordToken): boolean {
  return /^\d/.test(t.text) || NUMBER_WORDS.has(t.text.toLowerCase());
}

/** how many: the number phrase that counts the asked-about thing ("3,000 troops"). */
function howManySpan(q: OkQuestion, c: Candidate): string | undefined {
  // Hyphenated compounds are read by their parts here ("13-year-old" → 13, year, old).
  const toks = c.tokens.filter((t) => t.part || !t.text.includes('-'));
  const focus = q.terms.find((t) => t.focus)?.key;
  const qKeys = new Set(q.terms.map((t) => t.key));
  // "How much did X pay / sell it for / cost": only a sum of money answers, not "an 85% share".
  const money = !focus && /\bhow much\b/i.test(q.text) && MONEY_VERBS.test(q.text);
  let fallback: string | undefined;
  for (let i = 0; i < toks.length; i++) {
    // A number the question itself states ("19 Entertainment") is part of its subject, not the answer.
    if (!isNumberToken(toks[i]) || qKeys.has(toks[i].key)) continue;
    let j = i;
    while (j + 1 < toks.length && isNumberToken(toks[j + 1])) j++;
    const end = Math.min(toks.length - 1, j + 3);
    for (let k = j + 1; k <= end; k++) {
      if (focus && toks[k].key === focus) return c.hit.text.slice(toks[i].start, toks[k].end);
    }
    const unit = toks[j + 1] && !toks[j + 1].stop ? toks[j + 1] : undefined;
    // Keep a currency sign written before the number ("$1.5bn").
    const from = /[$£€¥]\s?$/.test(c.hit.text.slice(Math.max(0, toks[i].start - 2), toks[i].start)) ? c.hit.text.lastIndexOf(c.hit.text.slice(0, toks[i].start).trim().slice(-1), toks[i].start) : toks[i].start;
    if (money && !MONEY_SPAN.test(c.hit.text.slice(Math.max(0, toks[i].start - 2), (unit ?? toks[j]).end))) continue;
    fallback ??= c.hit.text.slice(from, (unit ?? toks[j]).end);
  }
  return focus ? undefined : fallback;
}

function howOldSpan(c: Candidate): string | undefined {
  const m = /\b(\d{1,3})-year-old\b|\baged (\d{1,3})\b|\b(\d{1,3}) years old\b|,\s(\d{1,3}),/.exec(c.hit.text);
  return m ? m[0].replace(/^,\s*|,$/g, '') : undefined;
}

/**
 * what/why: the words the question leaves open. After the question's last verb or adjective
 * found in the sentence ("ready [for an updated … agreement]"), up to the next question word or
 * clause boundary; when the question names its topic ("about guns"), the clause holding it.
 */
function clauseSpan(q: OkQuestion, c: Candidate): string | undefined {
  const text = c.hit.text;
  const cuts = boundaries(text);
  const toks = c.tokens.filter((t) => !t.part);
  const byKey = new Map(q.terms.map((t) => [t.key, t]));
  const qKeys = new Set(byKey.keys());
  const matchedIdx = toks.map((t, i) => (byKey.has(t.key) ? i : -1)).filter((i) => i >= 0);
  if (!matchedIdx.length) return trimEdges(text);
  // "What did X say?" when no quote of X was stored: the quoted words of the sentence.
  if (parseSaid(q.text)) {
    const quoted = quotedWords(text);
    if (quoted && !restates(quoted, qKeys)) return quoted;
  }
  if (q.type === 'why') {
    const why = purposeSpan(text, toks, matchedIdx, byKey);
    if (why) return why;
  }
  // "What drugs …?" answered by "… drugs such as fentanyl": the instances after the noun.
  if (q.whNoun) {
    const at = toks.find((t) => t.key === q.whNoun);
    const m = at && /^\s*,?\s*(such as|including|like|especially|notably|namely|among them)\s+/i.exec(text.slice(at.end));
    if (at && m) {
      const rest = trimEdges(text.slice(at.end + m[0].length));
      const words = rest.split(/\s+/);
      if (words.length) return words.length > 30 ? trimEdges(words.slice(0, 30).join(' ')) : rest;
    }
    // "… box-office flops Alexander and Catwoman": names right after the noun.
    const named = at && NAME_LIST.exec(text.slice(at.end));
    if (named) return named[1];
    // "… a new initiative, called the U.S.-Mexico Bicentennial Framework …": the name it is given.
    const given = at && appositiveName(text, at.end);
    if (given && !restates(given, qKeys)) return given;
  }
  const focusIdx = matchedIdx.find((i) => byKey.get(toks[i].key)!.focus);
  if (focusIdx !== undefined) {
    const [s, e] = clauseAt(text, toks[focusIdx].start, cuts);
    return trimEdges(text.slice(s, e));
  }
  const order = q.terms.map((t) => t.key);
  const anchors = matchedIdx.filter((i) => ['VERB', 'ADJ'].includes(byKey.get(toks[i].key)!.pos));
  anchors.sort((a, b) => order.indexOf(toks[b].key) - order.indexOf(toks[a].key) || a - b);
  // "What could the Work Ministry call?": a question ending in a plain word ends in its verb,
  // whatever the tagger made of it, so that word anchors the answer too (last resort).
  const last = q.terms[q.terms.length - 1];
  if (last && !last.proper && new RegExp(`${last.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\W*$`).test(q.text)) {
    for (const i of matchedIdx) if (toks[i].key === last.key && !anchors.includes(i)) anchors.push(i);
  }
  for (const a of anchors) {
    const from = toks[a].end;
    const [, clauseEnd] = clauseAt(text, from, cuts);
    const next = matchedIdx.find((i) => i > a && toks[i].start >= from && byKey.get(toks[i].key)!.key !== toks[a].key);
    // "… is called [the X Framework for Security, Public Health and …]", "renamed [CFX]": a name
    // right after the verb is the answer, whole, even across the commas inside it.
    const name = nameAt(text, from);
    if (name && name.text.split(/\s+/).length <= 16 && !restates(name.text, qKeys) && /^\s*(?:(?:the|a|an)\s+)?[\p{Lu}\p{N}]/u.test(text.slice(from))) return name.text;
    const toNext = trimEdges(text.slice(from, Math.min(clauseEnd, next !== undefined ? toks[next].start : text.length)));
    const usable = (s: string) => !restates(s, qKeys) && (contentCount(s) >= 2 || (contentCount(s) === 1 && informative(s)));
    // A gap of one plain content word ("wants [to see] the U.S. …") is too thin: take the clause's rest.
    if (usable(toNext)) return toNext;
    // 'could call an "obligatory conciliation"': a quoted phrase right after the verb, whole.
    const quotedObject = /^\s*(?:(?:an?|the)\s+)?[“"]([^”"]{2,80})[”"]/.exec(text.slice(from));
    if (quotedObject && !restates(quotedObject[1], qKeys)) return quotedObject[1].replace(/[,.]$/, '');
    // The object only restates the question ("unveiling [a new initiative]"): its appositive names it.
    const given = appositiveName(text, clauseEnd);
    if (restates(toNext, qKeys) && given && !restates(given, qKeys)) return given;
    const toClause = trimEdges(text.slice(from, clauseEnd));
    if (usable(toClause)) return toClause;
  }
  // No usable anchor: the clause with the most question words.
  let best: [number, number] = [0, text.length];
  let bestN = -1;
  let s = 0;
  for (const e of [...cuts, text.length]) {
    const n = matchedIdx.filter((i) => toks[i].start >= s && toks[i].end <= e).length;
    if (n > bestN && contentCount(text.slice(s, e)) > n) {
      bestN = n;
      best = [s, e];
    }
    s = e + 1;
  }
  const clause = trimEdges(text.slice(best[0], best[1]));
  // Never hand back only the question's own words: the whole sentence says more.
  return restates(clause, qKeys) ? trimEdges(text) : clause;
}

/** The shortest span of the sentence that answers the question, or undefined when it has none. */
export function answerSpan(q: OkQuestion, c: Candidate, people: Map<string, PersonCard>): string | undefined {
  switch (q.type) {
    case 'who':
      return whoSpan(q, c, people) ?? clauseSpan(q, c);
    case 'when':
      return whenSpan(c);
    case 'where':
      return whereSpan(q, c);
    case 'howmany':
      return howManySpan(q, c);
    case 'howold':
      return howOldSpan(c);
    case 'yesno':
      // The supporting sentence itself; whether it says yes or no is decided in yes-no.ts.
      return trimEdges(c.hit.text);
    default:
      return clauseSpan(q, c);
  }
}
