import type { Answerer } from '../../core/services.js';
import { fold } from '../fold.js';

/** One dev question and what a passing answer must contain (see dev-qa.json's "about"). */
export interface QaItem {
  q: string;
  all?: string[];
  any?: string[];
  none?: boolean;
}

export interface QaResult {
  item: QaItem;
  pass: boolean;
  answered: boolean;
  answer: string;
}

/** The dev-qa pass rule: every 'all' and at least one 'any' (case-insensitive, accents folded); 'none' → not answered. */
export function passes(item: QaItem, answered: boolean, answer: string): boolean {
  if (item.none) return !answered;
  if (!answered) return false;
  const a = fold(answer);
  const all = (item.all ?? []).every((s) => a.includes(fold(s)));
  const any = !item.any?.length || item.any.some((s) => a.includes(fold(s)));
  return all && any;
}

export async function scoreQa(answerer: Answerer, items: QaItem[]): Promise<QaResult[]> {
  const out: QaResult[] = [];
  for (const item of items) {
    const r = await answerer.answer(item.q);
    const answered = r.answered !== false;
    const answer = r.answer ?? '';
    out.push({ item, pass: passes(item, answered, answer), answered, answer });
  }
  return out;
}
