import type { ArticleStore } from '../../src/store/article-store.js';
import { answerContext } from '../../src/text/answer/answer-context.js';
import type { DecideInputs } from '../../src/text/answer/decide.js';
import { analyzeQuestion } from '../../src/text/answer/question.js';
import type { Ranker } from '../../src/text/answer/ranker.js';
import { STRATEGIES } from '../../src/text/answer/strategies.js';
import { assess, extract } from '../../src/text/answer/strategies/extract.js';
import { judgeAnswer, type BbcQaItem } from '../../src/text/eval/bbc-qa.js';

/** One question as the decision sees it. */
export type DecideCase =
  | { item: BbcQaItem; before: true; answered: boolean; right: boolean }
  | {
      item: BbcQaItem;
      before: false;
      inputs: DecideInputs;
      sentenceRight: boolean;
      shortRight: boolean;
      support: number;
    };

/**
 * Every item through the strategies before extraction (their outcome is fixed), and through
 * extraction's assessment otherwise: what the confidence and the short-answer bar are fitted to.
 */
export async function decideCases(
  store: ArticleStore,
  items: readonly BbcQaItem[],
  ranker: Ranker,
): Promise<DecideCase[]> {
  const out: DecideCase[] = [];
  for (const item of items) {
    const q = analyzeQuestion(item.q);
    if (q.kind !== 'ok') {
      out.push({ item, before: true, answered: false, right: !!item.none });
      continue;
    }
    const ctx = answerContext(q, store, ranker);
    let decided = false;
    for (const strategy of STRATEGIES.filter((s) => s !== extract)) {
      const o = await strategy(ctx);
      if (!o) continue;
      const answered = o.kind === 'found';
      const right = item.none ? !answered : answered && o.kind === 'found' && judgeAnswer(item, o.headline);
      out.push({ item, before: true, answered, right });
      decided = true;
      break;
    }
    if (decided) continue;
    const a = await assess(ctx);
    if (!a || typeof a === 'string') {
      out.push({ item, before: true, answered: false, right: !!item.none });
      continue;
    }
    const sentence = a.lead.hit.sentence.text;
    out.push({
      item,
      before: false,
      inputs: a.inputs,
      sentenceRight: !item.none && judgeAnswer(item, sentence),
      shortRight: !item.none && a.best !== undefined && judgeAnswer(item, a.best.text),
      support: a.best?.support ?? 0,
    });
  }
  return out;
}
