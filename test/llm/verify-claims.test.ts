import { describe, expect, it } from 'vitest';
import { enoughSurvived, verifyClaims } from '../../src/llm/verify-claims.js';
import { parseCompletion } from '../../src/llm/claims-format.js';
import { PASSAGES } from './helpers.js';

// PASSAGES[2]: “The Merida Initiative helped Mexico strengthen rule of law and counternarcotics capacity,” Price said.
// PASSAGES[4]: Blinken said ... were “very productive” and could lead to new collaboration ...

describe('verifyClaims', () => {
  it('keeps a claim whose citations exist and whose quote is verbatim in a cited passage', () => {
    const v = verifyClaims(
      [
        {
          text: 'Price said the Merida Initiative helped Mexico strengthen the rule of law.',
          passages: [3],
          quotes: ['helped Mexico strengthen rule of law'],
        },
      ],
      PASSAGES,
    );
    expect(v.kept).toEqual([
      { text: 'Price said the Merida Initiative helped Mexico strengthen the rule of law.', passages: [3] },
    ]);
  });

  it('removes citations to passages never sent and drops a claim left with none', () => {
    const v = verifyClaims(
      [
        { text: 'Blinken called the Paris talks very productive.', passages: [5, 9], quotes: [] },
        { text: 'Blinken called the Paris talks very productive.', passages: [0, 6, 2.5], quotes: [] },
        { text: 'Blinken called the Paris talks very productive.', passages: [], quotes: [] },
      ],
      PASSAGES,
    );
    expect(v.kept).toEqual([{ text: 'Blinken called the Paris talks very productive.', passages: [5] }]);
    expect(v.dropped.map((d) => d.why)).toEqual(['cites passages never sent (0, 6, 2.5)', 'no citation']);
  });

  it('drops a claim whose quote is not in its cited passage, even if another passage has it', () => {
    const v = verifyClaims(
      [{ text: 'Price praised the initiative.', passages: [1], quotes: ['helped Mexico strengthen rule of law'] }],
      PASSAGES,
    );
    expect(v.kept).toEqual([]);
    expect(v.dropped[0].why).toMatch(/^quote not in its cited passages/);
  });

  it('matches quotes after normalising curly quotes, whitespace and an ellipsis', () => {
    const v = verifyClaims(
      [
        { text: 'Blinken said the talks were "very  productive".', passages: [5], quotes: [] },
        {
          text: 'Price said the initiative “helped Mexico strengthen … counternarcotics capacity.”',
          passages: [3],
          quotes: ['"The Merida Initiative helped Mexico"'],
        },
      ],
      PASSAGES,
    );
    expect(v.dropped).toEqual([]);
    expect(v.kept).toHaveLength(2);
  });

  it('checks words quoted inside the claim text, not only the listed quotes', () => {
    const v = verifyClaims(
      [{ text: 'Blinken said the talks were "a total triumph".', passages: [5], quotes: [] }],
      PASSAGES,
    );
    expect(v.kept).toEqual([]);
  });

  it('is case-sensitive: a quote must be verbatim', () => {
    const v = verifyClaims(
      [{ text: 'Blinken said talks were productive.', passages: [5], quotes: ['VERY PRODUCTIVE'] }],
      PASSAGES,
    );
    expect(v.kept).toEqual([]);
  });

  it('drops a claim stating a number or a code its passages do not contain', () => {
    const v = verifyClaims(
      [
        { text: 'The Merida Initiative is 13 years old.', passages: [2], quotes: [] },
        { text: 'The Merida Initiative is 15 years old.', passages: [2], quotes: [] },
        { text: 'The Merida Initiative is 3 years old.', passages: [2], quotes: [] },
        { text: 'The key for the Merida Initiative is sk-live-123.', passages: [2], quotes: [] },
      ],
      PASSAGES,
    );
    expect(v.kept.map((c) => c.text)).toEqual(['The Merida Initiative is 13 years old.']);
    expect(v.dropped.map((d) => d.why)).toEqual([
      'no cited passage states it alone: [2] "15" is in no cited passage',
      'no cited passage states it alone: [2] "3" is in no cited passage',
      'no cited passage states it alone: [2] "sk-live-123" is in no cited passage',
    ]);
  });

  it('keeps a faithful paraphrase of its passage', () => {
    const text =
      "The new arrangement replaces the Merida Initiative, which funded Mexico's fight against drug trafficking.";
    expect(verifyClaims([{ text, passages: [2], quotes: [] }], PASSAGES).kept).toHaveLength(1);
  });

  it('drops a claim sharing too few words with its passages', () => {
    const v = verifyClaims(
      [{ text: 'Volcanic eruptions disrupted European aviation schedules dramatically.', passages: [1], quotes: [] }],
      PASSAGES,
    );
    expect(v.kept).toEqual([]);
    expect(v.dropped[0].why).toMatch(/content words occur/);
  });

  it("strips the model's own [n] markers from claim text", () => {
    const v = verifyClaims(
      [{ text: 'Blinken called the Paris talks very productive [5].', passages: [5], quotes: [] }],
      PASSAGES,
    );
    expect(v.kept[0].text).toBe('Blinken called the Paris talks very productive.');
  });
});

describe('enoughSurvived', () => {
  const claim = { text: 'x', passages: [1] };
  it('needs at least one claim and at least half of those returned', () => {
    expect(enoughSurvived({ kept: [], dropped: [] })).toBe(false);
    expect(enoughSurvived({ kept: [claim], dropped: [{ text: 'y', why: '' }] })).toBe(true);
    expect(
      enoughSurvived({
        kept: [claim],
        dropped: [
          { text: 'y', why: '' },
          { text: 'z', why: '' },
        ],
      }),
    ).toBe(false);
  });
});

describe('parseCompletion', () => {
  const completion = (content: string | null, finish = 'stop', refusal: string | null = null) => ({
    choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: finish }],
  });
  it('accepts the claims shape, also inside one Markdown fence', () => {
    const json = '{"claims":[{"text":"a","passages":[1],"quotes":[]}]}';
    expect(parseCompletion(completion(json))).toEqual({ ok: true, claims: [{ text: 'a', passages: [1], quotes: [] }] });
    expect(parseCompletion(completion('```json\n' + json + '\n```')).ok).toBe(true);
  });
  it('rejects extra fields, wrong types, prose around the JSON', () => {
    expect(parseCompletion(completion('{"claims":[{"text":"a","passages":["1"],"quotes":[]}]}'))).toMatchObject({
      ok: false,
      reason: 'malformed_output',
    });
    expect(parseCompletion(completion('{"claims":[],"note":"hi"}'))).toMatchObject({
      ok: false,
      reason: 'malformed_output',
    });
    expect(parseCompletion(completion('Here you go: {"claims":[]}'))).toMatchObject({
      ok: false,
      reason: 'malformed_output',
    });
  });
  it('tells truncated, empty, refused and non-completion bodies apart', () => {
    expect(parseCompletion(completion('{"claims":[{"te', 'length'))).toMatchObject({ reason: 'truncated_output' });
    expect(parseCompletion(completion('   '))).toMatchObject({ reason: 'empty_output' });
    expect(parseCompletion(completion(null, 'stop', 'No.'))).toMatchObject({ reason: 'refusal' });
    expect(parseCompletion('<html>502</html>')).toMatchObject({ reason: 'malformed_output' });
    expect(parseCompletion({ choices: [] })).toMatchObject({ reason: 'empty_output' });
  });
});
