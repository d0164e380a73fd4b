import type { FallbackReason } from '../../llm/metrics.js';
import type { ArticleMeta, ArticleStore, PersonCard } from '../../store/article-store.js';
import type { Question } from './question.js';
import { rank, type Scored } from './rank.js';
import type { Ranker } from './ranker.js';
import { relevantPeople } from './relevant-people.js';
import { retrieve, type Retrieval } from './retrieve.js';

/** People cards an answer may consult, by key. */
export interface PeopleIndex {
  all: PersonCard[];
  byKey: Map<string, PersonCard>;
}

/**
 * What the strategies share for one question: each step runs at most once, when a strategy first
 * asks for it (the who-is strategy needs people but no ranking; most questions need both).
 */
export interface AnswerContext {
  q: Question;
  store: ArticleStore;
  retrieval(): Promise<Retrieval>;
  ranked(): Promise<Scored[]>;
  people(): Promise<PeopleIndex>;
  closest(max?: number): Promise<ArticleMeta[]>;
  /** Why the model did not answer, when it was asked and could not (set by the LLM strategy). */
  llmFallback?: FallbackReason;
}

const once = <T>(f: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
};

export function answerContext(q: Question, store: ArticleStore, ranker: Ranker): AnswerContext {
  const retrieval = once(() => retrieve(store, q));
  const ranked = once(async () => rank(q, await retrieval(), ranker));
  const people = once(async () => {
    // Only the cards of the question's names, of a speaker, and of the people in the best
    // sentences: loading everyone cost seconds at 100,000 articles (relevant-people.ts).
    const top = (await ranked()).slice(0, 20);
    const names = [...q.personNames, ...q.names, ...(q.said ? [q.said.speaker] : [])];
    const keys = new Set(top.flatMap((s) => s.hit.sentence.entities.flatMap((e) => (e.key ? [e.key] : []))));
    const all = await relevantPeople(store, names, keys, q.said ? [q.said.speaker] : []);
    return { all, byKey: new Map(all.map((p) => [p.key, p])) };
  });
  return {
    q,
    store,
    retrieval,
    ranked,
    people,
    async closest(max = 3) {
      const seen = new Map<string, ArticleMeta>();
      for (const s of await ranked()) {
        if (seen.size >= max) break;
        if (!seen.has(s.hit.sentence.articleId)) seen.set(s.hit.sentence.articleId, s.hit.sentence.article);
      }
      return [...seen.values()];
    },
  };
}
