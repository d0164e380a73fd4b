import type { Reply } from '../../src/core/reply.js';
import type { ArticleStore, PersonCard } from '../../src/store/article-store.js';
import { matchPeople, mergeSurnames } from '../../src/text/cast/find-person.js';
import { CARD_QUOTES, castList, describePerson, personCard } from '../../src/text/cast/person-reply.js';
import { fold } from '../../src/text/fold.js';

/*
 * /who and people-name autocomplete as they were before the people index: every card and every
 * quote loaded and merged on each call. Kept only as the reference the indexed cast must match,
 * reply for reply; it reads the whole store, so it is for small test stores. The replies are worded
 * by the same functions (person-reply.ts): what is compared is which people and quotes are loaded.
 */

function plain(text: string, extra: Partial<Reply> = {}): Reply {
  return { sections: [{ text }], citations: [], visibility: 'ephemeral', answered: false, answer: '', ...extra };
}

function byCoverage(a: PersonCard, b: PersonCard): number {
  return b.articleCount - a.articleCount || b.mentions - a.mentions || a.name.localeCompare(b.name);
}

export async function fullLoadWho(store: ArticleStore, name?: string): Promise<Reply> {
  const people = mergeSurnames(await store.people());
  const n = name?.trim();
  if (!n) {
    if (!people.length) return plain('No people are named in the articles in the store.');
    const top = [...people].sort(byCoverage).slice(0, 15);
    const { lines, citations } = await castList(store, top, (p) => p.quotes.length);
    const more =
      people.length > top.length ? `\n…and ${people.length - top.length} more. Ask /who <name> for one person.` : '';
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
  const found = matchPeople(people, n).sort(byCoverage);
  if (!found.length) return plain(`No one called “${n}” is named in the articles in the store.`);
  if (found.length > 1 && fold(n) !== found[0].key) {
    return plain(
      `Several people match “${n}”:\n${found
        .slice(0, 10)
        .map((p) => `• ${describePerson(p, p.quotes.length)}`)
        .join('\n')}\nAsk again with more of the name.`,
      { answered: true, answer: found.map((p) => p.name).join(', ') },
    );
  }
  return personCard(store, { ...found[0], quotes: found[0].quotes.slice(0, CARD_QUOTES) });
}

export async function fullLoadPeopleNames(store: ArticleStore, prefix: string, limit = 25): Promise<string[]> {
  const want = fold(prefix).trim();
  const people = mergeSurnames(await store.people()).sort(byCoverage);
  const hits = want
    ? people.filter((p) => p.key.startsWith(want) || p.key.split(' ').some((w) => w.startsWith(want)))
    : people;
  return hits.slice(0, Math.max(0, limit)).map((p) => p.name);
}
