import { fold } from '../fold.js';

/**
 * The BBC question set (../shared/eval/bbc-qa.dev.json) and its judge, as its `about` field
 * states it: lower-case, fold accents, every run of non-alphanumerics becomes one space; an
 * answerable item passes when the bot answered and its answer contains one of `answers` and none
 * of `wrong`; a `none` item passes when the bot declines.
 */
export interface BbcQaItem {
  id: string;
  article?: string;
  type: string;
  q: string;
  answers?: string[];
  wrong?: string[];
  none?: boolean;
}

/** The judge's normal form of a text. */
export function judgeNormal(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The text holds one of the strings (judge normal form, plain containment). */
export function holdsAny(text: string, strings: readonly string[] | undefined): boolean {
  if (!strings?.length) return false;
  const t = judgeNormal(text);
  return strings.some((s) => {
    const n = judgeNormal(s);
    return n.length > 0 && t.includes(n);
  });
}

/** Whether an answer text is right by the judge: one right string, no wrong one. */
export function judgeAnswer(item: BbcQaItem, answer: string): boolean {
  return holdsAny(answer, item.answers) && !holdsAny(answer, item.wrong);
}

/** Which half of the dev set an item is in: ids ending 0–6 tune, 7–9 check. */
export function halfOf(id: string): 'tune' | 'check' {
  const last = id.replace(/\D+$/, '').slice(-1);
  return /[0-6]/.test(last) ? 'tune' : 'check';
}

/** What one reply did with one item. */
export interface QaOutcome {
  item: BbcQaItem;
  answered: boolean;
  answer: string;
  /** The quote of the first citation, when the reply cites. */
  evidence?: string;
  /** Judged right (for `none` items: declined). */
  right: boolean;
  /** The first cited sentence holds an answer string (answerable items only). */
  evidenceRight: boolean;
}

export function judgeOutcome(item: BbcQaItem, answered: boolean, answer: string, evidence?: string): QaOutcome {
  if (item.none) return { item, answered, answer, evidence, right: !answered, evidenceRight: false };
  return {
    item,
    answered,
    answer,
    evidence,
    right: answered && judgeAnswer(item, answer),
    evidenceRight: answered && evidence !== undefined && holdsAny(evidence, item.answers),
  };
}

export interface TypeRow {
  type: string;
  n: number;
  right: number;
  wrong: number;
  declined: number;
}

/** Right / wrong / declined per question type (unanswerable items: declined = right). */
export function tableByType(outcomes: readonly QaOutcome[]): TypeRow[] {
  const rows = new Map<string, TypeRow>();
  for (const o of outcomes) {
    const row = rows.get(o.item.type) ?? { type: o.item.type, n: 0, right: 0, wrong: 0, declined: 0 };
    row.n++;
    if (!o.answered) row.declined++;
    else if (o.right) row.right++;
    else row.wrong++;
    if (o.item.none && !o.answered) row.right++;
    rows.set(o.item.type, row);
  }
  return [...rows.values()].sort((a, b) => Number(a.type === 'none') - Number(b.type === 'none') || b.n - a.n);
}

/** The summary figures of one half (or the whole). */
export interface QaSummary {
  answerable: number;
  right: number;
  declined: number;
  evidenceRight: number;
  /** Answered answerable items whose headline was right, of those answered. */
  headlinePrecision: number;
  unanswerable: number;
  unanswerableDeclined: number;
}

export function summarise(outcomes: readonly QaOutcome[]): QaSummary {
  const ans = outcomes.filter((o) => !o.item.none);
  const none = outcomes.filter((o) => o.item.none);
  const answered = ans.filter((o) => o.answered);
  return {
    answerable: ans.length,
    right: ans.filter((o) => o.right).length,
    declined: ans.filter((o) => !o.answered).length,
    evidenceRight: ans.filter((o) => o.evidenceRight).length,
    headlinePrecision: answered.length ? answered.filter((o) => o.right).length / answered.length : 0,
    unanswerable: none.length,
    unanswerableDeclined: none.filter((o) => !o.answered).length,
  };
}
