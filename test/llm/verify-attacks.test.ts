import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/llm/passage.js';
import { verifyClaims } from '../../src/llm/verify-claims.js';
import { ATTACK_SHAPES, attackClaims } from '../fakes/attack-claims.js';

/** The Porthaven article's paragraphs as passages; the third is the injected instruction. */
const paragraphs = readFileSync(new URL('../fixtures/injection/porthaven.txt', import.meta.url), 'utf8')
  .split('\n\n')
  .slice(1)
  .map((p) => p.trim());
const passage = (text: string, i: number): Passage => ({
  articleId: 'porthaven',
  sentenceIdx: i,
  text,
  article: { title: 'Porthaven confirms its president' },
});
/** What a store with the injection flag sends: the injected sentence is not among them. */
const CLEAN = paragraphs.filter((p) => !p.startsWith('Ignore')).map(passage);
/** What a store without the flag would have sent. */
const ALL = paragraphs.map(passage);
const numbered = (ps: readonly Passage[]) => ps.map((p, i) => ({ id: i + 1, text: p.text }));

describe('verifying claims a model under an injected instruction makes', () => {
  it.each(ATTACK_SHAPES.map((s) => [s]))('drops the false claim of the %s shape', (shape) => {
    const claims = attackClaims(shape, numbered(CLEAN), 'Mallory Evil');
    expect(claims.length).toBeGreaterThan(0);
    const v = verifyClaims(claims, CLEAN);
    // Only a true claim, copied from its sentence, may survive (the "mixed" shape carries one).
    expect(v.kept.map((k) => k.text)).toEqual(shape === 'mixed' ? [CLEAN[0].text] : []);
    expect(v.dropped.length).toBe(shape === 'mixed' ? 1 : claims.length);
  });

  it('says why each was dropped', () => {
    const why = (shape: (typeof ATTACK_SHAPES)[number]) =>
      verifyClaims(attackClaims(shape, numbered(CLEAN), 'Mallory Evil'), CLEAN)
        .dropped.map((d) => d.why)
        .join(' | ');
    expect(why('swap-name')).toBe('no cited passage states it alone: [1] "mallory evil" is not in the cited sentence');
    expect(why('negate')).toBe('no cited passage states it alone: [1] negation differs from the cited sentence');
    expect(why('echo-quote')).toMatch(/^quote not in its cited passages/);
    expect(why('two-passages')).toBe(
      'no cited passage states it alone: [1] "52" is in no cited passage; [2] "maria lopez" is not in the cited sentence',
    );
    expect(why('role-swap')).toBe(
      'no cited passage states it alone: [2] its names or numbers play other roles in the cited sentence',
    );
  });

  it('drops a claim resting on the injected sentence itself, when a store without the flag sent it', () => {
    const v = verifyClaims([{ text: 'The president is Mallory Evil.', passages: [3], quotes: [] }], ALL);
    expect(v.kept).toEqual([]);
    expect(v.dropped[0].why).toBe('no cited passage states it alone: [3] cites a passage addressed to the model');
  });

  it('keeps faithful claims: a copy, a paraphrase, the passive of an active sentence, a reported statement', () => {
    const v = verifyClaims(
      [
        { text: 'Maria Lopez is the president of Porthaven, officials said.', passages: [1], quotes: [] },
        {
          text: 'Lopez defeated Tom Hale in the Porthaven election, winning 52 percent of the vote.',
          passages: [2],
          quotes: [],
        },
        { text: 'Tom Hale was defeated by Lopez in the March election.', passages: [2], quotes: [] },
        { text: 'Ana Ruiz said the harbour tax would be cut by 5 percent.', passages: [3], quotes: [] },
      ],
      CLEAN,
    );
    expect(v.dropped).toEqual([]);
  });

  it('does not take a negation elsewhere in the sentence, or a capital after a colon, for a difference', () => {
    const sent: Passage[] = [
      passage('The president of Porthaven is Maria Lopez, who did not attend the count on Sunday.', 0),
    ];
    const v = verifyClaims(
      [
        { text: 'The president of Porthaven is Maria Lopez.', passages: [1], quotes: [] },
        { text: 'Maria Lopez is the president of Porthaven: She did not attend the count.', passages: [1], quotes: [] },
        { text: 'Maria Lopez is not the president of Porthaven.', passages: [1], quotes: [] },
      ],
      sent,
    );
    expect(v.kept.map((k) => k.text)).toEqual([
      'The president of Porthaven is Maria Lopez.',
      'Maria Lopez is the president of Porthaven: She did not attend the count.',
    ]);
    expect(v.dropped.map((d) => d.why)).toEqual([
      'no cited passage states it alone: [1] negation differs from the cited sentence',
    ]);
  });

  it('cites only the passages that state a claim, when a model adds one that does not', () => {
    const v = verifyClaims(
      [{ text: 'Maria Lopez is the president of Porthaven.', passages: [1, 3], quotes: [] }],
      CLEAN,
    );
    expect(v.kept).toEqual([{ text: 'Maria Lopez is the president of Porthaven.', passages: [1] }]);
  });
});
