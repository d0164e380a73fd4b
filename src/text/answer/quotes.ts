import type { ArticleStore, SentenceRef } from '../../store/article-store.js';

const OPEN = /[“]|(?:^|\s)"/g;
const CLOSE = /[”]|"(?=[\s,.;:!?]|$)/g;
const opened = (s: string) => (s.match(OPEN) ?? []).length - (s.match(CLOSE) ?? []).length;

/** A quote with the earlier pieces of its quotation put back, and the sentence it was taken from. */
export interface CompletedQuote {
  text: string;
  sentence?: string;
}

const refKey = (articleId: string, idx: number) => `${idx}#${articleId}`;

/**
 * The sentence splitter cuts a multi-sentence quotation ("We are taken as hostages. I don't know
 * who is right …," said X), so a quote taken from the last piece is completed with the earlier
 * pieces of the same article, back to the opening quotation mark (at most three). The stored
 * quote text has no marks, so each quote's sentence decides; earlier sentences are read only for
 * the few that close a quotation they did not open. Sentence indexes run 0, 1, 2… in an article.
 */
export async function completeQuotes(
  store: ArticleStore,
  quotes: readonly { articleId: string; sentenceIdx: number; text: string }[],
): Promise<CompletedQuote[]> {
  const own = await readSentences(
    store,
    quotes.map((q) => ({ articleId: q.articleId, idx: q.sentenceIdx })),
  );
  const cut = quotes.filter((q) => opened(own.get(refKey(q.articleId, q.sentenceIdx)) ?? '') < 0);
  const earlier = await readSentences(
    store,
    cut.flatMap((q) =>
      [1, 2, 3].map((back) => ({ articleId: q.articleId, idx: q.sentenceIdx - back })).filter((r) => r.idx >= 0),
    ),
  );
  return quotes.map((q) => {
    const sentence = own.get(refKey(q.articleId, q.sentenceIdx));
    if (sentence === undefined || opened(sentence) >= 0) return { text: q.text, sentence };
    const before: string[] = [];
    for (let i = q.sentenceIdx - 1; i >= 0 && i >= q.sentenceIdx - 3; i--) {
      const s = earlier.get(refKey(q.articleId, i));
      if (s === undefined) break;
      const open = s.search(/[“"][^”"]*$/);
      if (open >= 0) {
        before.unshift(s.slice(open + 1).trim());
        return { text: `${before.join(' ')} ${q.text}`, sentence };
      }
      before.unshift(s.trim());
    }
    return { text: q.text, sentence };
  });
}

/** Sentence texts by position, in one read. */
async function readSentences(store: ArticleStore, refs: SentenceRef[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (!refs.length) return texts;
  for (const s of await store.sentenceTexts(refs)) texts.set(refKey(s.articleId, s.idx), s.text);
  return texts;
}
