import type { Token } from '../nlp.js';
import type { PersonRecord } from '../types.js';
import { personKey } from '../fold.js';
import {
  COUNTRY_ABBREVS,
  DEMONYMS,
  HONORIFICS,
  ORG_SUFFIXES,
  PLACE_SUFFIXES,
  ROLE_HEADS,
  ROLE_MODIFIERS,
  SPEECH_VERBS,
} from '../lexicon.js';
import type { Run } from './runs.js';

/** A person found in a run, with the name's token range and the role stated around it. */
export interface PersonHit {
  run: Run;
  nameFirst: number;
  nameLast: number;
  key: string;
  name: string;
  role?: string;
  affiliation?: string;
}

const DETERMINERS = new Set(['the', 'a', 'an']);

function isCap(t: Token | undefined): boolean {
  return !!t && t.type === 'word' && /^\p{Lu}/u.test(t.value);
}

function roleWord(t: Token): boolean {
  return ROLE_HEADS.has(t.lower) || ROLE_MODIFIERS.has(t.lower);
}

/** Affiliation from a role's words: a country ("U.S.", "Mexican") or the organisation named in it. */
export function affiliationOf(words: Token[], appositive = false): string | undefined {
  // An appositive names its organisation after "of"/"at" ("president of the European Commission").
  if (appositive && words.some((w) => w.lower === 'of' || w.lower === 'at')) {
    const org = orgAfterOf(words);
    if (org) return org;
  }
  for (const w of words) {
    if (COUNTRY_ABBREVS.has(w.lower)) return w.value;
    const d = DEMONYMS.get(w.lower);
    if (d && isCap(w)) return d;
  }
  return orgAfterOf(words);
}

/**
 * The organisation in a role: after "of"/"at" when there is one, else the capitalised
 * non-title words ("State Department spokesperson" → "State Department").
 */
function orgAfterOf(words: Token[]): string | undefined {
  const ofAt = words.findIndex((w) => w.lower === 'of' || w.lower === 'at');
  const pool = ofAt >= 0 ? words.slice(ofAt + 1) : words;
  const org: Token[] = [];
  for (const w of pool) {
    if (isCap(w) && !ROLE_HEADS.has(w.lower)) org.push(w);
    else if (org.length && (w.lower === 'of' || w.lower === 'and' || w.lower === 'for')) org.push(w);
    else if (org.length) break;
  }
  while (
    org.length &&
    (/^(of|and|for)$/.test(org[org.length - 1].lower) || ROLE_MODIFIERS.has(org[org.length - 1].lower))
  )
    org.pop();
  return org.length ? org.map((w) => w.value).join(' ') : undefined;
}

/** The role written before a name ("U.S. Secretary of State"), walking left over title-like words. */
function roleBefore(
  text: string,
  tokens: Token[],
  nameFirst: number,
  sentFirst: number,
): { role?: string; words: Token[]; honorific: boolean } {
  let i = nameFirst - 1;
  let start = nameFirst;
  let honorific = false;
  while (i >= sentFirst) {
    const t = tokens[i];
    if (HONORIFICS.has(t.lower) && i === nameFirst - 1) {
      honorific = true;
      start = i;
      i--;
      continue;
    }
    const joinsHyphen = t.value === '-' && t.space === '' && tokens[i + 1].space === '';
    const accept =
      roleWord(t) ||
      COUNTRY_ABBREVS.has(t.lower) ||
      joinsHyphen ||
      (isCap(t) && t.pos !== 'DET' && t.pos !== 'PRON' && (i !== sentFirst || t.pos === 'PROPN' || roleWord(t))) ||
      ((t.lower === 'of' || t.lower === 'for') && start < nameFirst);
    if (!accept) break;
    start = i;
    i--;
  }
  while (start < nameFirst && /^(of|for|-)$/.test(tokens[start].lower)) start++;
  const words = tokens.slice(start, nameFirst).filter((w) => !HONORIFICS.has(w.lower));
  if (!words.some((w) => ROLE_HEADS.has(w.lower))) return { words: [], honorific };
  const first = words[0];
  const last = words[words.length - 1];
  return { role: text.slice(first.start, last.end), words, honorific };
}

/** An appositive after the name: "Jean-Claude Juncker, the president of the European Commission, said". */
function roleAfter(
  text: string,
  tokens: Token[],
  nameLast: number,
  sentLast: number,
): { role?: string; words: Token[] } {
  if (tokens[nameLast + 1]?.value !== ',') return { words: [] };
  let i = nameLast + 2;
  if (tokens[i]?.type === 'number' && tokens[i + 1]?.value === ',') i += 2; // ", 45,"
  const startIdx = DETERMINERS.has(tokens[i]?.lower ?? '') ? i + 1 : i;
  let end = startIdx;
  let hasHead = false;
  for (; end <= sentLast && end < startIdx + 12; end++) {
    const t = tokens[end];
    if (t.value === ',' || t.value === '.' || t.value === ';' || SPEECH_VERBS.has(t.lower)) break;
    if (t.pos === 'VERB' || t.pos === 'AUX') return { words: [] };
    if (ROLE_HEADS.has(t.lower)) hasHead = true;
  }
  if (!hasHead || end === startIdx) return { words: [] };
  const words = tokens.slice(startIdx, end);
  return { role: text.slice(words[0].start, words[words.length - 1].end), words };
}

/** Speech after the name, possibly past an age or appositive: "Price said", "Blair, 51, told". */
function speechNear(
  tokens: Token[],
  nameFirst: number,
  nameLast: number,
  sentFirst: number,
  sentLast: number,
): boolean {
  let j = nameLast + 1;
  if (tokens[j]?.value === ',') {
    for (let k = j + 1; k <= Math.min(sentLast, j + 14); k++) {
      if (tokens[k].value === ',') {
        j = k + 1;
        break;
      }
    }
  }
  if (tokens[j]?.lower === 'also' || tokens[j]?.lower === 'has' || tokens[j]?.lower === 'had') j++;
  if (j <= sentLast && SPEECH_VERBS.has(tokens[j].lower)) return true;
  const p = nameFirst - 1;
  if (p >= sentFirst && SPEECH_VERBS.has(tokens[p].lower)) return true; // "said Tony Blair"
  return p - 1 >= sentFirst && tokens[p].lower === 'to' && tokens[p - 1].lower === 'according';
}

/** The name inside a run: what follows the last role head, minus leading country/role words. */
export function nameRange(tokens: Token[], run: Run): { first: number; last: number; titled: boolean } | undefined {
  let first = run.first;
  let titled = false;
  for (let i = run.first; i <= run.last; i++) {
    if (ROLE_HEADS.has(tokens[i].lower)) {
      first = i + 1;
      titled = true;
    }
  }
  while (
    first <= run.last &&
    (COUNTRY_ABBREVS.has(tokens[first].lower) ||
      DEMONYMS.has(tokens[first].lower) ||
      ROLE_MODIFIERS.has(tokens[first].lower) ||
      HONORIFICS.has(tokens[first].lower) ||
      /^(of|for|the)$/.test(tokens[first].lower))
  )
    first++;
  if (first > run.last) return undefined;
  return { first, last: run.last, titled };
}

/** Whether a name range looks like a person's name (no institution words, sane length). */
function nameShaped(tokens: Token[], first: number, last: number): boolean {
  const words = last - first + 1;
  if (words > 6) return false;
  for (let i = first; i <= last; i++) {
    const t = tokens[i];
    if (
      ORG_SUFFIXES.has(t.lower) ||
      PLACE_SUFFIXES.has(t.lower) ||
      ROLE_MODIFIERS.has(t.lower) ||
      COUNTRY_ABBREVS.has(t.lower)
    )
      return false;
    if (t.type === 'word' && t.value.length > 2 && t.value === t.value.toUpperCase()) return false; // acronym
  }
  return true;
}

/** First pass: people introduced with evidence (a role, an honorific, speech, an appositive). */
export function detectPeople(
  text: string,
  tokens: Token[],
  runs: Run[],
  sentBounds: { first: number; last: number }[],
): PersonHit[] {
  const hits: PersonHit[] = [];
  // Words the article also writes in lower case are common words ("Time Warner said", "General
  // Election"): weak evidence is not enough to make them a person's name.
  const lowerForms = new Set<string>();
  for (const t of tokens) if (t.type === 'word' && t.value === t.lower) lowerForms.add(t.lower);
  for (const run of runs) {
    const nr = nameRange(tokens, run);
    if (!nr || !nameShaped(tokens, nr.first, nr.last)) continue;
    const sb = sentBounds[run.sent];
    const before = roleBefore(text, tokens, nr.first, sb.first);
    const after = before.role ? { words: [] as Token[] } : roleAfter(text, tokens, nr.last, sb.last);
    const words = nr.last - nr.first + 1;
    const strong = !!before.role || !!after.role || before.honorific;
    const common = lowerForms.has(tokens[nr.first].lower);
    const evidence =
      (strong && !(words === 1 && common && !before.honorific)) ||
      (words >= 2 && !common && speechNear(tokens, nr.first, nr.last, sb.first, sb.last));
    if (!evidence) continue;
    // wink may keep a sentence's full stop on a surname it took for an abbreviation ("Ore.").
    const name = text.slice(tokens[nr.first].start, tokens[nr.last].end).replace(/(\p{Ll}{2})\.$/u, '$1');
    const role = before.role ?? after.role;
    const affiliation = role
      ? before.role
        ? affiliationOf(before.words)
        : affiliationOf(after.words, true)
      : undefined;
    hits.push({ run, nameFirst: nr.first, nameLast: nr.last, key: personKey(name), name, role, affiliation });
  }
  return hits;
}

/** Builds one record per person, keeping the first role stated. */
export function mergePeople(hits: PersonHit[]): Map<string, PersonRecord> {
  const people = new Map<string, PersonRecord>();
  for (const h of hits) {
    const p = people.get(h.key);
    if (!p) people.set(h.key, { key: h.key, name: h.name, role: h.role, affiliation: h.affiliation, mentions: 0 });
    else {
      p.role ??= h.role;
      p.affiliation ??= h.affiliation;
    }
  }
  return people;
}
