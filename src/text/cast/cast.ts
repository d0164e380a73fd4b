import type { Cast } from '../../core/services.js';
import type { Citation, Reply } from '../../core/reply.js';
import type { ArticleStore, PersonCard } from '../../store/article-store.js';
import { castCards, castIndex } from './cast-people.js';
import { matchPeople } from './find-person.js';
import { timeline } from './timeline.js';
import { fold } from '../fold.js';

/** People listed by /who with no name. */
const CAST_SIZE = 15;
/** Quotes shown on one person's card. */
const CARD_QUOTES = 8;
/** People listed when a name matches several. */
const MATCHES_SHOWN = 10;

function plain(text: string, extra: Partial<Reply> = {}): Reply {
  return { sections: [{ text }], citations: [], visibility: 'ephemeral', answered: false, answer: '', ...extra };
}

/** `quoteCount`: the quotes on the person's whole card (the card passed may carry only the first few). */
function describe(p: PersonCard, quoteCount: number): string {
  const role = p.roles[0] ? ` — ${p.roles[0]}` : '';
  const aff = p.affiliation && !(p.roles[0] ?? '').includes(p.affiliation) ? ` (${p.affiliation})` : '';
  const arts = `${p.articleCount} article${p.articleCount === 1 ? '' : 's'}`;
  const q = quoteCount ? ` · ${quoteCount} quote${quoteCount === 1 ? '' : 's'}` : '';
  return `${p.name}${role}${aff} · ${arts}${q}`;
}

function quoteCitation(q: PersonCard['quotes'][number], n: number): Citation {
  return { n, articleId: q.articleId, title: q.article.title, url: q.article.url, published: q.article.published, quote: q.text };
}

/** /who and /timeline over the people, quotes and dated sentences stored at ingest time. */
export function createCast(store: ArticleStore): Cast {
  return {
    async who(name?: string): Promise<Reply> {
      const index = await castIndex(store);
      const people = index.ranked;
      const count = (p: PersonCard) => index.quoteCount.get(p.key) ?? 0;
      const n = name?.trim();
      if (!n) {
        if (!people.length) return plain('No people are named in the articles in the store.');
        // Each line cites the person's first quote, so one quote per merged key is all that is read.
        const top = await castCards(store, index, people.slice(0, CAST_SIZE), 1);
        const citations: Citation[] = [];
        const lines = top.map((p) => {
          const q = p.quotes[0];
          if (!q) return `• ${describe(p, count(p))}`;
          const c = quoteCitation(q, citations.length + 1);
          citations.push(c);
          return `• ${describe(p, count(p))}\n  “${q.text}” [${c.n}]`;
        });
        const more = people.length > top.length ? `\n…and ${people.length - top.length} more. Ask /who <name> for one person.` : '';
        return { title: 'Who is in the coverage', sections: [{ text: lines.join('\n') + more }], citations, visibility: 'ephemeral', answered: true, answer: top.map((p) => p.name).join(', '), data: { people: top.map(({ quotes: _q, ...rest }) => rest) } };
      }
      // The index is ranked already, and matchPeople keeps its order.
      const found = matchPeople(people, n);
      if (!found.length) return plain(`No one called “${n}” is named in the articles in the store.`);
      if (found.length > 1 && fold(n) !== found[0].key) {
        const shown = await castCards(store, index, found.slice(0, MATCHES_SHOWN), 0);
        return plain(`Several people match “${n}”:\n${shown.map((p) => `• ${describe(p, count(p))}`).join('\n')}\nAsk again with more of the name.`, { answered: true, answer: found.map((p) => p.name).join(', ') });
      }
      const [person] = await castCards(store, index, [found[0]], CARD_QUOTES);
      return card(person);
    },
    timeline: (topic?: string) => timeline(store, topic),
    async peopleNames(prefix: string, limit = 25): Promise<string[]> {
      const want = fold(prefix).trim();
      const people = (await castIndex(store)).ranked;
      const hits = want ? people.filter((p) => p.key.startsWith(want) || p.key.split(' ').some((w) => w.startsWith(want))) : people;
      return hits.slice(0, Math.max(0, limit)).map((p) => p.name);
    },
  };
}

function card(p: PersonCard): Reply {
  const citations = p.quotes.slice(0, CARD_QUOTES).map((q, i) => quoteCitation(q, i + 1));
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
