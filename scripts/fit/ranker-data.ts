import type { ArticleStore } from '../../src/store/article-store.js';
import { analyzeQuestion } from '../../src/text/answer/question.js';
import { retrieve, type Hit } from '../../src/text/answer/retrieve.js';
import { featureContext, featuresOf } from '../../src/text/answer/features.js';
import { holdsAny, type BbcQaItem } from '../../src/text/eval/bbc-qa.js';
import type { RankList } from '../../src/text/eval/listwise-fit.js';

/** One question's candidates with their features and labels. */
export interface LabelledList extends RankList {
  item: BbcQaItem;
  hits: Hit[];
}

/** A sentence answers the item when it is in the item's article and holds one of its answers. */
export function isAnswerSentence(item: BbcQaItem, hit: Hit): boolean {
  return hit.sentence.articleId === item.article && holdsAny(hit.sentence.text, item.answers);
}

/**
 * The candidate lists of answerable items, through the product's own analysis, retrieval and
 * features; `answers` says which sentences answer an item (by default isAnswerSentence).
 */
export async function labelledLists(
  store: ArticleStore,
  items: readonly BbcQaItem[],
  answers: (item: BbcQaItem, hit: Hit) => boolean = isAnswerSentence,
): Promise<LabelledList[]> {
  const out: LabelledList[] = [];
  for (const item of items) {
    if (item.none) continue;
    const q = analyzeQuestion(item.q);
    if (q.kind !== 'ok') continue;
    const r = await retrieve(store, q);
    const ctx = featureContext(q, r);
    out.push({
      item,
      hits: r.hits,
      features: r.hits.map((h) => featuresOf(h, ctx).features),
      positive: r.hits.map((h) => answers(item, h)),
    });
  }
  return out;
}

/** dev-qa.json's items (the shipped article's questions) in the shape of the BBC set's. */
export function devQaItems(
  items: readonly { q: string; all?: string[]; any?: string[]; none?: boolean }[],
): (BbcQaItem & { all?: string[] })[] {
  return items.map((it, i) => ({
    id: `devqa-${i}`,
    type: 'devqa',
    q: it.q,
    answers: it.any,
    all: it.all,
    none: it.none,
  }));
}

/** A dev-qa sentence answers when it holds every `all` string and one `any` string. */
export function isDevQaAnswer(item: BbcQaItem & { all?: string[] }, hit: Hit): boolean {
  const text = hit.sentence.text;
  return (item.all ?? []).every((a) => holdsAny(text, [a])) && (!item.answers?.length || holdsAny(text, item.answers));
}
