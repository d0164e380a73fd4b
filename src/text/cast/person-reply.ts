import { articleCitation } from '../../core/citations.js';
import type { Citation, Reply } from '../../core/reply.js';
import type { ArticleStore, PersonCard, PersonQuote } from '../../store/article-store.js';

/** Quotes shown on one person's card. */
export const CARD_QUOTES = 8;

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

/**
 * A person's roles with each one that is only the end of another left out: "U.S. Attorney
 * General" and "Attorney General" are one role, said the fuller way.
 */
export function mergeRoles(roles: readonly string[]): string[] {
  const keys = roles.map(words);
  const endsWith = (long: string[], short: string[]) =>
    short.length <= long.length && short.every((w, i) => long[long.length - short.length + i] === w);
  return roles.filter((_, i) => {
    const dupOf = keys.findIndex((k, j) => j !== i && endsWith(k, keys[i]) && (k.length > keys[i].length || j < i));
    return dupOf < 0;
  });
}

/** `quoteCount`: the quotes on the person's whole card (the card passed may carry only the first few). */
export function describePerson(p: PersonCard, quoteCount: number): string {
  const [role] = mergeRoles(p.roles);
  const aff = p.affiliation && !(role ?? '').includes(p.affiliation) ? ` (${p.affiliation})` : '';
  const arts = `${p.articleCount} article${p.articleCount === 1 ? '' : 's'}`;
  const q = quoteCount ? ` · ${quoteCount} quote${quoteCount === 1 ? '' : 's'}` : '';
  return `${p.name}${role ? ` — ${role}` : ''}${aff} · ${arts}${q}`;
}

/** How one quote is shown, numbered n, with its citation. */
export interface QuoteEntry {
  line: string;
  citation: Citation;
}

/**
 * Quotes as a reply shows them. Only words the article puts inside quotation marks are shown in
 * quotation marks. A reported statement ("Ebrard said earlier this week he wants …") is shown as
 * the article reports it: its sentence, marked as reported, without quotation marks, so a
 * paraphrase is never passed off as someone's words.
 */
export async function quoteEntries(
  store: ArticleStore,
  quotes: readonly PersonQuote[],
  firstN: number,
): Promise<QuoteEntry[]> {
  const reported = quotes.filter((q) => !q.direct);
  const sentences = new Map<string, string>();
  if (reported.length) {
    for (const s of await store.sentenceTexts(reported.map((q) => ({ articleId: q.articleId, idx: q.sentenceIdx }))))
      sentences.set(`${s.articleId}#${s.idx}`, s.text);
  }
  return quotes.map((q, i) => {
    const n = firstN + i;
    if (q.direct) return { line: `“${q.text}” [${n}]`, citation: articleCitation(q.article, n, q.text) };
    const sentence = sentences.get(`${q.articleId}#${q.sentenceIdx}`) ?? q.text;
    return { line: `Reported: ${sentence} [${n}]`, citation: articleCitation(q.article, n, sentence) };
  });
}

/** One person's card: roles (merged), affiliation, coverage and what they said, cited. */
export async function personCard(store: ArticleStore, p: PersonCard): Promise<Reply> {
  const entries = await quoteEntries(store, p.quotes.slice(0, CARD_QUOTES), 1);
  const roles = mergeRoles(p.roles);
  const facts = [
    roles.length ? `Role: ${roles.join('; ')}` : 'Role: not stated in the articles',
    p.affiliation ? `Affiliation: ${p.affiliation}` : undefined,
    `Mentioned in ${p.articleCount} article${p.articleCount === 1 ? '' : 's'} (${p.mentions} mention${p.mentions === 1 ? '' : 's'})`,
  ].filter(Boolean);
  const sections: { heading?: string; text: string }[] = [{ text: facts.join('\n') }];
  if (entries.length) sections.push({ heading: 'Quotes', text: entries.map((e) => e.line).join('\n') });
  const { quotes: _q, ...rest } = p;
  return {
    title: p.name,
    sections,
    citations: entries.map((e) => e.citation),
    visibility: 'ephemeral',
    answered: true,
    answer: p.name,
    data: { person: rest },
  };
}

/** The /who list: each person with their first quote (or reported statement), cited. */
export async function castList(
  store: ArticleStore,
  top: readonly PersonCard[],
  quoteCount: (p: PersonCard) => number,
): Promise<{ lines: string[]; citations: Citation[] }> {
  const firsts = top.map((p) => p.quotes[0]).filter((q): q is PersonQuote => q !== undefined);
  const entries = await quoteEntries(store, firsts, 1);
  const byQuote = new Map(firsts.map((q, i) => [q, entries[i]]));
  const lines = top.map((p) => {
    const entry = p.quotes[0] && byQuote.get(p.quotes[0]);
    return entry ? `• ${describePerson(p, quoteCount(p))}\n  ${entry.line}` : `• ${describePerson(p, quoteCount(p))}`;
  });
  return { lines, citations: entries.map((e) => e.citation) };
}
