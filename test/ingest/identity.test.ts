import { describe, expect, it } from 'vitest';
import { contentHash, normalizeForHash } from '../../src/store/ingest/identity.js';

describe('dedupe normalisation', () => {
  it('makes every run of whitespace one space, whatever its characters', () => {
    const cases: [string, string][] = [
      ['a b', 'a b'],
      ['a  b', 'a b'],
      ['a\tb', 'a b'],
      ['a\u00a0b', 'a b'],
      ['a \n\n b', 'a b'],
      ['a\u2028\u3000 b', 'a b'],
      ['  a  ', 'a'],
      ['a\r\nb\nc', 'a b c'],
    ];
    for (const [input, want] of cases) expect(normalizeForHash(input)).toBe(want);
  });

  it('agrees with a plain \\s+ collapse on mixed text', () => {
    const text = 'Ebrard said:\u00a0“We agree.”\n\n\tThe  talks — in Mexico City —\u2009ended.  ';
    const plain = text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/\s+/gu, ' ')
      .trim();
    expect(normalizeForHash(text)).toBe(plain);
  });

  it('gives copies that differ only in spacing, case and quote marks the same hash', () => {
    expect(contentHash('The  talks\nended “today”.')).toBe(contentHash('the talks ended "today".'));
    expect(contentHash('The talks ended.')).not.toBe(contentHash('The talks ended early.'));
  });
});
