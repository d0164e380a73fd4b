import type { ArticleStore, PersonCard } from '../../store/article-store.js';

/** Cards kept per store; more keys than this and the cache starts over (a card is a few strings). */
const MAX_CACHED_CARDS = 20_000;
const cardCaches = new WeakMap<ArticleStore, { version: string; cards: Map<string, PersonCard> }>();

/**
 * Cards without quotes, remembered until the store changes (its changeVersion). A card folds every
 * article that names the person, and the rows of a much-covered person ("blair": 6,000 articles
 * at 100,000) are spread over the whole file: reading them cost 100–300 ms an /ask or /who, for
 * the same few prominent people again and again. Callers get the cached objects, which they must
 * not change (mergeSurnames copies them).
 */
export async function cardsWithoutQuotes(store: ArticleStore, keys: string[]): Promise<PersonCard[]> {
  if (!keys.length) return [];
  const version = await store.changeVersion();
  let cache = cardCaches.get(store);
  if (!cache || cache.version !== version || cache.cards.size + keys.length > MAX_CACHED_CARDS) {
    cache = { version, cards: new Map() };
    cardCaches.set(store, cache);
  }
  const cards = cache.cards;
  const missing = keys.filter((k) => !cards.has(k));
  if (missing.length)
    for (const card of await store.people({ keys: missing, quotes: false })) cards.set(card.key, card);
  return keys.flatMap((k) => cards.get(k) ?? []);
}
