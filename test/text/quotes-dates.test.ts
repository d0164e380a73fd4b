import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { FIXTURE_DATE, FIXTURE_TEXT } from './text-store.js';

const a = analyze(FIXTURE_TEXT, FIXTURE_DATE);

describe('quote attribution', () => {
  it('attributes “…,” Price said to Ned Price, and the quote that continues it', () => {
    const price = a.quotes.filter((q) => q.speakerKey === 'ned price' && q.direct).map((q) => q.text);
    expect(price).toContain('The Merida Initiative helped Mexico strengthen rule of law and counternarcotics capacity');
    expect(price.some((t) => t.startsWith('We want to see to it'))).toBe(true);
  });

  it('attributes reported speech ("X said …" and "…, X said")', () => {
    expect(a.quotes).toContainEqual(expect.objectContaining({ speakerKey: 'marcelo ebrard', direct: false }));
    const reported = a.quotes.find((q) => q.speakerKey === 'ned price' && !q.direct)!;
    expect(reported.text.startsWith('The new arrangement would replace')).toBe(true);
  });

  it('attributes "according to X" and "said X"', () => {
    const r = analyze(
      'Prices will rise, according to Finance Minister Ana Ruiz. “We are ready,” said coach Tom Baker.',
      '2020-02-02',
    );
    expect(r.quotes).toEqual([
      expect.objectContaining({ speakerKey: 'ana ruiz', text: 'Prices will rise', direct: false }),
      expect.objectContaining({ speakerKey: 'tom baker', text: 'We are ready', direct: true }),
    ]);
  });

  it('does not attribute a quote to someone who is not named', () => {
    const r = analyze('“It will work,” a senior official said.', '2020-02-02');
    expect(r.quotes).toEqual([]);
  });
});

describe('dates resolved against the article date', () => {
  const dated = (needle: string) => a.sentences.find((s) => s.text.includes(needle))!.dates;

  it('resolves weekdays to the most recent such day, the article day itself included', () => {
    expect(dated('phone briefing on Thursday')).toEqual([{ text: 'Thursday', date: '2021-10-07', inferred: true }]);
    expect(dated('Blinken said Wednesday')).toEqual([{ text: 'Wednesday', date: '2021-10-06', inferred: true }]);
    expect(dated('Earlier Friday')).toEqual([{ text: 'Friday', date: '2021-10-08', inferred: true }]);
  });

  it('resolves yesterday, last week and explicit dates', () => {
    const r = analyze(
      'He left yesterday. Talks began last week. The deal was signed on Oct. 8, 2021, and on 3 March 2020 too. The 2019-05-06 meeting happened.',
      '2021-10-08',
    );
    expect(r.sentences.flatMap((s) => s.dates)).toEqual([
      { text: 'yesterday', date: '2021-10-07', inferred: true },
      { text: 'last week', date: '2021-10-01', inferred: true },
      { text: 'Oct. 8, 2021', date: '2021-10-08', inferred: false },
      { text: '3 March 2020', date: '2020-03-03', inferred: false },
      { text: '2019-05-06', date: '2019-05-06', inferred: false },
    ]);
  });

  it('leaves weekdays unresolved when the article has no date', () => {
    expect(analyze('They met on Thursday.').sentences[0].dates).toEqual([]);
  });
});
