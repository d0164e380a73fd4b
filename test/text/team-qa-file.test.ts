/*
 * scripts/eval/team-qa.json is judged by npm run eval (its articles are in ../shared, so the
 * answers themselves are checked there); this checks the file can be judged at all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { halfOf, holdsAny, type BbcQaItem } from '../../src/text/eval/bbc-qa.js';

const file = JSON.parse(readFileSync(new URL('../../scripts/eval/team-qa.json', import.meta.url), 'utf8')) as {
  about: string;
  items: (BbcQaItem & { why?: string })[];
};
const TYPES = ['who', 'what', 'how-many', 'how-much', 'where', 'which', 'when', 'why', 'what-said', 'yes-no', 'none'];

describe('the team question set file', () => {
  it('has unique ids that split into a tuning and a check half', () => {
    const ids = file.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const check = ids.filter((id) => halfOf(id) === 'check').length;
    expect(check / ids.length).toBeGreaterThan(0.2);
    expect(check / ids.length).toBeLessThan(0.4);
  });

  it('gives every answerable item its article and answers, none of them holding a wrong answer', () => {
    for (const item of file.items.filter((i) => !i.none)) {
      expect(TYPES).toContain(item.type);
      expect(item.article).toMatch(/^bbc-[a-z]+-\d+$/);
      expect(item.answers?.length).toBeGreaterThan(0);
      for (const a of item.answers ?? []) expect(holdsAny(a, item.wrong), `${item.id}: ${a}`).toBe(false);
    }
  });

  it('says why each unanswerable item cannot be answered', () => {
    const none = file.items.filter((i) => i.none);
    expect(none.length).toBeGreaterThan(20);
    for (const item of none) expect(item.why?.length, item.id).toBeGreaterThan(10);
  });
});
