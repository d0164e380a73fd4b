import type { Citation, Reply } from '../../src/core/reply.js';
import type { ArticleStore, PersonCard } from '../../src/store/article-store.js';
import { matchPeople, mergeSurnames } from '../../src/text/cast/find-person.js';
import { fold } from '../../src/text/fold.js';

/*
 * /who and people-name autocomplete as they were before the people index: every card and every
 * quote loaded and merged on each call. Kept only as the reference the indexed cast must match,
 * reply for reply; it reads the whole store, so it is for small test stores.
 */

function plain(text: string, extra: Partial<Reply> = {}): Reply {
  return { sections: [{ text }], citations: [], visibility: 'ephemeral', answered: false, answer: '', ...extra };
}

function describe(p: PersonCard): string {
  const role = p.roles[0] ? ` — ${p.roles[0]}` : '';
  const aff = p.affiliation && !(p.roles[0] ?? '').includes(p.affiliation) ? ` (${p.affiliation})` : '';
  const arts = `${p.articleCount} article${p.articleCount === 1 ? '' : 's'}`;
  const q = p.quotes.length ? ` · ${p.quotes.length} quote${p.quotes.length === 1 ? '' : 's'}` : '';
  return `${p.name}${role}${aff} · ${arts}${q}`;
}

function quoteCitation(q: PersonCard['quotes'][number], n: number): Citation {
  return { n, articleId: q.articleId, title: q.article.title, url: q.article.url, published: q.article.published, quote: q.text };
}

function byCoverage(a: PersonCard, b: PersonCard): number {
  return b.articleCount - a.articleCount || b.mentions - a.mentions || a.name.localeCompare(b.name);
}

function card(p: PersonCard): Reply {
  const citations = p.quotes.slice(0, 8).map((q, i) => quoteCitation(q, i + 1));
  const facts = [
    p.roles.length ? `Role: ${p.roles.join('; ')}` : 'Role: not stated in the articles',
    p.affiliation ? `Affiliation: ${p.affiliation}` : undefined,
    `Mentioned in ${p.articleCount} article${p.articleCount === 1 ? '' : 's'} (${p.mentions} mention${p.mentions === 1 ? '' : 's'})`,
  ].filter(Boolean);
  const sections = [{ text: facts.join('\n') }];
  if (citations.length) sections.push({ heading: 'Quotes', text: citations.map((c) => `“${c.quote}” [${c.n}]`).join('\n') } as { heading: string; text: string });
  const { quotes: _q, ...rest } = p;
  return { title: p.name, sections, citations, visibility: 'ephemeral', answered: true, answer: p.name, data: { person: rest } };
}

export async function fullLoadWho(store: ArticleStore, name?: string): Promise<Reply> {
  const people = mergeSurnames(await store.people());
  const n = name?.trim();
  if (!n) {
    if (!people.length) return plain('No people are named in the articles in the store.');
    const top = [...people].sort(byCoverage).slice(0, 15);
    const citations: Citation[] = [];
    const lines = top.map((p) => {
      const q = p.quotes[0];
      if (!q) return `• ${describe(p)}`;
      const c = quoteCitation(q, citations.length + 1);
      citations.push(c);
      return `• ${describe(p)}\n  “${q.text}” [${c.n}]`;
    });
    const more = people.length > top.length ? `\n…and ${people.length - top.length} more. Ask /who <name> for one person.` : '';
    return { title: 'Who is in the coverage', sections: [{ text: lines.join('\n') + more }], citations, visibility: 'ephemeral', answered: true, answer: top.map((p) => p.name).join(', '), data: { people: top.map(({ quotes: _q, ...rest }) => rest) } };
  }
  const found = matchPeople(people, n).sort(byCoverage);
  if (!found.length) return plain(`No one called “${n}” is named in the articles in the store.`);
  if (found.length > 1 && fold(n) !== found[0].key) {
    return plain(`Several people match “${n}”:\n${found.slice(0, 10).map((p) => `• ${describe(p)}`).join('\n')}\nAsk again with more of the name.`, { answered: true, answer: found.map((p) => p.name).join(', ') });
  }
  return card(found[0]);
}

export async function fullLoadPeopleNames(store: ArticleStore, prefix: string, limit = 25): Promise<string[]> {
  const want = fold(prefix).trim();
  const people = mergeSurnames(await store.people()).sort(byCoverage);
  const hits = want ? people.filter((p) => p.key.startsWith(want) || p.key.split(' ').some((w) => w.startsWith(want))) : people;
  return hits.slice(0, Math.max(0, limit)).map((p) => p.name);
}
