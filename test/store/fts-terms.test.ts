import { describe, expect, it } from 'vitest';
import { ftsAnyOf, quoteFtsTerm } from '../../src/store/fts-terms.js';

describe('FTS5 term quoting', () => {
  it('wraps a term in double quotes and doubles the quotes inside it', () => {
    expect(quoteFtsTerm('Blinken')).toBe('"Blinken"');
    expect(quoteFtsTerm('say "hi"')).toBe('"say ""hi"""');
  });

  it('turns control characters (a NUL ends SQLite strings) into word breaks', () => {
    expect(quoteFtsTerm('harbour\u0000reopened')).toBe('"harbour reopened"');
    expect(quoteFtsTerm('a\tb\u007f')).toBe('"a b "');
  });

  it('ORs the distinct terms and drops those without a letter or digit', () => {
    expect(ftsAnyOf(['Mexico', 'talks', 'Mexico', '*', '  ', '-'])).toBe('"Mexico" OR "talks"');
    expect(ftsAnyOf(['AND', 'NOT'])).toBe('"AND" OR "NOT"');
    expect(ftsAnyOf(['"', '()', ''])).toBeUndefined();
    expect(ftsAnyOf([])).toBeUndefined();
  });
});
