import { nameAt, usedAsModifier } from './name-span.js';
import { wordTokens, type WordToken } from '../terms.js';
import { DEMONYMS, ROLE_HEADS } from '../../lexicon.js';
import type { Extracted, QuestionView, SentenceView } from './view.js';

/**
 * Every content word of the span is a question word: it names what the question already names.
 * A capitalised word counts even when it is a stop word elsewhere: "BBC Two" is not "BBC".
 */
export function namedByQuestion(span: string, q: Pick<QuestionView, 'keys' | 'tokens'>): boolean {
  const content = wordTokens(span).filter(
    (t) => !t.part && (!t.stop || (/^[\p{Lu}\p{N}]/u.test(t.text) && !/^(The|A|An)$/.test(t.text))),
  );
  return (
    content.length > 0 && content.every((t) => q.keys.has(t.key) || (t.stop && q.tokens.some((w) => w.key === t.key)))
  );
}

/**
 * The question names this person by their surname alone ("Who did Blinken meet?" names "Antony
 * Blinken"): the person is what the question is about, not its answer.
 */
function surnameInQuestion(person: string, q: QuestionView): boolean {
  const last = wordTokens(person)
    .filter((t) => !t.stop && !t.part)
    .at(-1);
  return last !== undefined && q.terms.some((t) => t.proper && t.key === last.key);
}

function listJoin(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Words that end a role phrase read backwards from a name: "… President X and Foreign Secretary Y". */
const ROLE_STOP = new Set(['and', 'or', 'with', 'by', 'to', 'from', 'met', 'said', 'told', 'than', 'as']);

/**
 * How well the role stated next to a mention matches the question: the question's words in the
 * title right before the name ("Turkish prime minister Recep Erdogan", back to a comma or "and")
 * or in an appositive after it (", the chief inspector of schools,"); a role noun counts double,
 * since it is what "which minister …" asks about.
 */
function roleMatch(s: SentenceView, mention: string, keys: ReadonlySet<string>): number {
  const at = s.text.indexOf(mention);
  if (at < 0) return 0;
  const toks = s.tokens.filter((t) => !t.part);
  const before: WordToken[] = [];
  for (let i = toks.findIndex((t) => t.start >= at) - 1; i >= 0 && before.length < 6; i--) {
    const t = toks[i];
    if (
      ROLE_STOP.has(t.text.toLowerCase()) ||
      /[,;:.()“”"]/.test(s.text.slice(t.end, (toks[i + 1] ?? { start: at }).start))
    )
      break;
    before.push(t);
  }
  const end = at + mention.length;
  const appositive = /^\s*,\s*([^,;:]{3,80}),/.exec(s.text.slice(end));
  const after = appositive ? toks.filter((t) => t.start > end && t.end <= end + appositive[0].length) : [];
  return [...before, ...after].reduce(
    (m, t) => m + (!t.stop && keys.has(t.key) ? (ROLE_HEADS.has(t.text.toLowerCase()) ? 2 : 1) : 0),
    0,
  );
}

/**
 * The words of the role a "which NOUN" question asks for ("Which U.S. cabinet officials are in
 * Mexico City?": U.S., cabinet, officials), so a "Mexican President" does not match it through
 * "Mexico City"; every question word when it asks "who".
 */
function roleKeys(q: QuestionView): ReadonlySet<string> {
  // A question that names no role ("Who is leading the Mexican side?") matches no stated role:
  // "Mexican" in "Mexican President" is not what it asks about.
  const singular = (w: string) => w.toLowerCase().replace(/s$/, '');
  if (!q.terms.some((t) => ROLE_HEADS.has(singular(t.text)))) return new Set();
  if (!q.whNoun) return q.keys;
  const toks = q.tokens.filter((t) => !t.part);
  const from = toks.findIndex((t) => /^(what|which)$/i.test(t.text));
  const to = toks.findIndex((t, k) => k > from && t.key === q.whNoun);
  if (from < 0 || to < 0) return q.keys;
  return new Set(
    toks
      .slice(from + 1, to + 1)
      .filter((t) => !t.stop)
      .map((t) => t.key),
  );
}

/**
 * who: the people the sentence names and the question does not, the one whose surrounding words
 * match the question best first ("Turkish prime minister Recep Erdogan" for "Which Turkish prime
 * minister …"); organisations after them, since "who" can ask for a firm or a body.
 */
export function personSpans(s: SentenceView, q: QuestionView): Extracted[] {
  const seen = new Set<string>();
  const people = s.entities.filter(
    (e) =>
      e.type === 'person' &&
      !namedByQuestion(e.text, q) &&
      !surnameInQuestion(e.text, q) &&
      !seen.has(e.key ?? e.text) &&
      seen.add(e.key ?? e.text),
  );
  const role = roleKeys(q);
  const scored = people.map((p) => ({ text: p.text, m: roleMatch(s, p.text, role) })).sort((a, b) => b.m - a.m);
  const best = scored[0]?.m ?? 0;
  const out: Extracted[] = [];
  // "Which officials …" asks for several people: the list is the answer, as good as the share of
  // them whose stated role matches the question; one person alone answers it only in part.
  if (q.plural && scored.length > 1)
    out.push({
      text: listJoin(scored.map((p) => p.text)),
      quality: scored.filter((p) => p.m > 0).length / scored.length,
    });
  const alone = q.plural ? 0.5 : 1;
  // The person whose stated role matches best; another named beside them is a weaker answer. When
  // the question asks for a role ("which goalkeeper") that no one here is given, whoever is named
  // answers it less well than when it asks for none.
  const first = best === 0 && role.size > 0 ? 0.6 : 0.8;
  scored.forEach((p, i) => {
    out.push({ text: p.text, quality: alone * (best > 0 ? (p.m === best ? 1 : 0.4) : i === 0 ? first : 0.5) });
  });
  const orgs = s.entities.filter((e) => e.type === 'org' && !namedByQuestion(e.text, q));
  for (const o of orgs) out.push({ text: o.text, quality: 0.4 });
  // People the analysis had no evidence for ("replaced … by the flamboyant Alan Clark"): names
  // the question does not hold, after the people it recognised. A person's name has letters and
  // ends at a possessive ("Robert Sillerman's Sports Entertainment" is Robert Sillerman's firm).
  for (const n of nameSpans(s, q)) {
    const text = n.text.replace(/['’]s\s.*$/u, '');
    if (/^\P{L}/u.test(text) || namedByQuestion(text, q) || surnameInQuestion(text, q)) continue;
    // Not a place, or a name used as a modifier ("the Buenos Aires underground").
    if (s.entities.some((e) => e.type === 'place' && text.includes(e.text))) continue;
    if (modifiesNoun(s, { text, start: s.text.indexOf(text) })) continue;
    if (out.some((o) => o.text.includes(text) || text.includes(o.text))) continue;
    // "Robert Sillerman": two or three capitalised words, no acronym, read like a person's name
    // and beat a firm the analysis typed; anything else comes after the firms.
    out.push({ text, quality: /^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){1,2}$/u.test(text) ? 0.45 : 0.3 });
  }
  return out;
}

/** Capitalised runs read as names (nameAt), acronyms, and titles in quotation marks. */
function namesIn(s: SentenceView): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  // A title in quotation marks starts with a capital ("Flight into Danger"); a quoted phrase that
  // does not (“learn from each other”) is someone's words, not a name.
  for (const m of s.text.matchAll(/[“"‘]([^”"’]{2,60})[”"’]/g))
    if (/^[\p{Lu}\p{N}]/u.test(m[1])) out.push({ text: m[1].replace(/[,.]$/, ''), start: m.index! });
  const toks = s.tokens.filter((t) => !t.part);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // A name may start with a digit when it has a capital too ("3G", "4Kids"); "2-1", "6bn" are a
    // score and an amount.
    if (!/^\p{Lu}/u.test(t.text) && !/^\p{N}.*\p{Lu}/u.test(t.text)) continue;
    // The sentence's first word is capitalised anyway: only a run of two or more counts there,
    // and not one led by a word that is plainly not a name ("Meanwhile Michael Jackson's").
    if (i === 0 && (t.stop || /(ing|ed|ly|while|ever)$/i.test(t.text))) continue;
    const name = nameAt(s.text, t.start);
    if (!name) continue;
    if (i === 0 && !/\s/.test(name.text) && !/^\p{Lu}{2,}/u.test(t.text)) continue;
    out.push({ text: name.text, start: t.start });
    while (i + 1 < toks.length && toks[i + 1].start < name.end) i++;
  }
  return out;
}

/**
 * name ("Which channel …", "What wireless technology …"): the names in the sentence the question
 * does not already hold, nearest the asked-for noun first (the noun's own word in the sentence,
 * else the question's words).
 */
export function nameSpans(s: SentenceView, q: QuestionView): Extracted[] {
  const toks = s.tokens.filter((t) => !t.part);
  const anchors = toks.filter((t: WordToken) => (q.whNoun ? t.key === q.whNoun : false));
  const near = (at: number) => {
    const list = anchors.length ? anchors : toks.filter((t) => q.keys.has(t.key));
    return list.length ? Math.min(...list.map((t) => Math.abs(t.start - at))) : 1000;
  };
  return namesIn(s)
    .filter(
      // A nationality ("Mexican") names no thing.
      (n) =>
        !namedByQuestion(n.text, q) &&
        !DEMONYMS.has(n.text.toLowerCase()) &&
        !/^(The|A|An|He|She|It|They|We|I|But|And|In|On|At|Mr|Mrs|Ms)$/.test(n.text),
    )
    .map((n) => ({ n, d: near(n.start) }))
    .sort((a, b) => a.d - b.d)
    .map(({ n, d }, i) => ({
      text: n.text,
      quality: namesTheNoun(s.text, n, q)
        ? 1
        : modifiesNoun(s, n)
          ? 0.4
          : anchors.length && d < 40
            ? 0.9
            : i === 0
              ? 0.6
              : 0.4,
    }));
}

/** The name modifies the noun after it ("the new U.S.-Mexico bilateral framework"): see usedAsModifier. */
function modifiesNoun(s: SentenceView, n: { text: string; start: number }): boolean {
  const end = n.start + n.text.length;
  return usedAsModifier(
    s.text,
    end,
    s.tokens.find((t) => !t.part && t.start >= end),
  );
}

/** Words that introduce a thing's name: "a new initiative, called the U.S.-Mexico Bicentennial Framework". */
const NAMING = /\b(?:called|named|dubbed|entitled|titled|known as)\s+$/i;

/** The question asks what something is called. */
const ASKS_NAME = /\b(?:name|called|named|title)\b/i;

/**
 * The name is given as the asked-for thing's name: it holds the noun as its own word ("the …
 * Bicentennial Framework" for "the name of the framework"), or, when the question asks what
 * something is called, it follows "called", "named", "known as".
 */
function namesTheNoun(text: string, n: { text: string; start: number }, q: QuestionView): boolean {
  const before = text.slice(Math.max(0, n.start - 20), n.start).replace(/\bthe\s+$/i, '');
  if (ASKS_NAME.test(q.text) && NAMING.test(before)) return true;
  return q.whNoun !== undefined && wordTokens(n.text).some((t) => t.key === q.whNoun && /^\p{Lu}/u.test(t.text));
}
