import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/split.js';
import { FIXTURE_TEXT } from './text-store.js';

const texts = (t: string) => splitSentences(t).map((s) => s.text);

describe('sentence splitting', () => {
  it('keeps "U.S." inside a sentence and ends a sentence after it when a new one starts', () => {
    expect(
      texts(
        'The U.S. and Mexico met. She visited the U.S. on Monday. The plan was approved by the U.S. It starts soon.',
      ),
    ).toEqual([
      'The U.S. and Mexico met.',
      'She visited the U.S. on Monday.',
      'The plan was approved by the U.S.',
      'It starts soon.',
    ]);
  });

  it('does not split after titles such as "Sr." and "Dr." or after initials', () => {
    expect(texts('Sr. López met Dr. Jones. J. K. Rowling and George W. Bush agreed.')).toEqual([
      'Sr. López met Dr. Jones.',
      'J. K. Rowling and George W. Bush agreed.',
    ]);
  });

  it('keeps decimal numbers and amounts whole, and ends a sentence after "£250m."', () => {
    expect(texts('Growth was 2.5% in 2021. Costs rose to an extra £250m. Turnover was up 4.3% to £1.97bn.')).toEqual([
      'Growth was 2.5% in 2021.',
      'Costs rose to an extra £250m.',
      'Turnover was up 4.3% to £1.97bn.',
    ]);
  });

  it('keeps a quotation and its attribution together, and a quote followed by lower-case words', () => {
    expect(texts('“The plan helped Mexico,” Price said. He said "Stop!" and left. Then it ended.')).toEqual([
      '“The plan helped Mexico,” Price said.',
      'He said "Stop!" and left.',
      'Then it ended.',
    ]);
  });

  it('ends a sentence after a surname the tagger took for an abbreviation', () => {
    expect(texts('“It was good,” said chairman Norbert Ore. “Growth is slowing.”')).toEqual([
      '“It was good,” said chairman Norbert Ore.',
      '“Growth is slowing.”',
    ]);
  });

  it('treats a heading on its own line as its own sentence and gives offsets into the text', () => {
    const s = splitSentences(FIXTURE_TEXT);
    expect(s.map((x) => x.text)).toContain('Paris relations');
    for (const x of s) expect(FIXTURE_TEXT.slice(x.start, x.end)).toBe(x.text);
    expect(s[0].text.startsWith('U.S. Secretary of State Antony Blinken')).toBe(true);
  });
});
