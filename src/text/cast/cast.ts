import type { Cast } from '../../core/services.js';
import type { Reply } from '../../core/reply.js';
import type { ArticleStore, PersonCard } from '../../store/article-store.js';
import { castCards, castIndex } from './cast-people.js';
import { matchPeople } from './find-person.js';
import { CARD_QUOTES, castList, describePerson, personCard } from './person-reply.js';
import { timeline } from './timeline.js';
import { fold } from '../fold.js';

/** People listed by /who with no name. */
const CAST_SIZE = 15;
/** People listed when a name matches several. */
const MATCHES_SHOWN = 10;

function plain(text: string, extra: Partial<Reply> = {}): Reply {
  return { sections: [{ text }], citations: [], visibility: 'ephemeral', answered: false, answer: '', ...extra };
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
        const { lines, citations } = await castList(store, top, count);
        const more =
          people.length > top.length
            ? `\n…and ${people.length - top.length} more. Ask /who <name> for one person.`
            : '';
        return {
          title: 'Who is in the coverage',
          sections: [{ text: lines.join('\n') + more }],
          citations,
          visibility: 'ephemeral',
          answered: true,
          answer: top.map((p) => p.name).join(', '),
          data: { people: top.map(({ quotes: _q, ...rest }) => rest) },
        };
      }
      // The index is ranked already, and matchPeople keeps its order.
      const found = matchPeople(people, n);
      if (!found.length) return plain(`No one called “${n}” is named in the articles in the store.`);
      if (found.length > 1 && fold(n) !== found[0].key) {
        const shown = await castCards(store, index, found.slice(0, MATCHES_SHOWN), 0);
        return plain(
          `Several people match “${n}”:\n${shown.map((p) => `• ${describePerson(p, count(p))}`).join('\n')}\nAsk again with more of the name.`,
          { answered: true, answer: found.map((p) => p.name).join(', ') },
        );
      }
      const [person] = await castCards(store, index, [found[0]], CARD_QUOTES);
      return personCard(store, person);
    },
    timeline: (topic?: string) => timeline(store, topic),
    async peopleNames(prefix: string, limit = 25): Promise<string[]> {
      const want = fold(prefix).trim();
      const people = (await castIndex(store)).ranked;
      const hits = want
        ? people.filter((p) => p.key.startsWith(want) || p.key.split(' ').some((w) => w.startsWith(want)))
        : people;
      return hits.slice(0, Math.max(0, limit)).map((p) => p.name);
    },
  };
}
