import { describe, expect, it } from 'vitest';
import type { OptionSpecs } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { parseOptionText, usageOf, validateOptions } from '../../src/core/parse-options.js';

const askSpecs: OptionSpecs = {
  question: { type: 'string', description: 'q', required: true, maxLength: 500, rest: true },
};
const searchSpecs: OptionSpecs = {
  query: { type: 'string', description: 'q', required: true, rest: true },
  order: { type: 'string', description: 'o', choices: ['relevance', 'newest'] },
  limit: { type: 'integer', description: 'n', min: 1, max: 20 },
};
const subscribeSpecs: OptionSpecs = {
  schedule: { type: 'string', description: 's', required: true },
  timezone: { type: 'string', description: 't', required: true },
  topic: { type: 'string', description: 'topic' },
  quiet: { type: 'boolean', description: 'q' },
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof UserError ? e.code : 'NOT_A_USER_ERROR';
  }
  return undefined;
}

describe('chat option parsing', () => {
  it('gives the whole free text to the question, colons and all', () => {
    expect(parseOptionText(askSpecs, 'what does title:foo mean?', '/ask')).toEqual({
      question: 'what does title:foo mean?',
    });
  });

  it('reads quoted name:value options and leaves the rest as the query', () => {
    const raw = parseOptionText(searchSpecs, 'fentanyl order:newest limit:3', '/search');
    expect(raw).toEqual({ query: 'fentanyl', order: 'newest', limit: '3' });
    const sub = parseOptionText(
      subscribeSpecs,
      'schedule:"0 8 * * 1-5" timezone:America/Mexico_City topic:“border security”',
      '/digest',
    );
    expect(sub).toEqual({ schedule: '0 8 * * 1-5', timezone: 'America/Mexico_City', topic: 'border security' });
  });

  it('keeps an unbalanced quote as literal text instead of failing', () => {
    expect(parseOptionText(askSpecs, 'who said "merida', '/ask')).toEqual({ question: 'who said "merida' });
  });

  it('rejects an unknown name:value option where the command takes no free text', () => {
    expect(codeOf(() => parseOptionText(subscribeSpecs, 'schedule:x colour:red', '/digest subscribe'))).toBe(
      'UNKNOWN_OPTION',
    );
  });

  it('names the option meant when a search is given an unknown one, instead of searching for "sort:newest"', () => {
    const specs: OptionSpecs = { ...searchSpecs, order: { ...searchSpecs.order, aka: ['sort'] } };
    const message = (text: string) => {
      try {
        parseOptionText(specs, text, '/search <query>');
      } catch (e) {
        return (e as UserError).message;
      }
      return 'parsed';
    };
    expect(message('fentanyl sort:newest')).toBe('Unknown option sort: (did you mean order:?). Usage: /search <query>');
    expect(message('fentanyl ordr:newest')).toMatch(/^Unknown option ordr: \(did you mean order:\?\)/);
    expect(message('fentanyl colour:red')).toMatch(/^Unknown option colour: \(options here: order:, limit:\)/);
    // Colons that are not options stay words: a URL, a trailing colon, a time.
    expect(parseOptionText(specs, 'https://example.org/a fentanyl: 10:30', '/search')).toEqual({
      query: 'https://example.org/a fentanyl: 10:30',
    });
  });

  it('rejects stray words where the command takes no free text', () => {
    expect(codeOf(() => parseOptionText(subscribeSpecs, 'schedule:x please', '/digest subscribe'))).toBe(
      'UNEXPECTED_TEXT',
    );
  });
});

describe('option validation', () => {
  const usage = usageOf('ask', askSpecs);

  it('refuses an empty or whitespace-only question with a usage line', () => {
    expect(codeOf(() => validateOptions(askSpecs, { question: '   ' }, usage))).toBe('MISSING_OPTION');
    expect(codeOf(() => validateOptions(askSpecs, {}, usage))).toBe('MISSING_OPTION');
  });

  it('refuses a question over 500 characters and says how long it was', () => {
    try {
      validateOptions(askSpecs, { question: 'a'.repeat(501) }, usage);
      expect.fail('should throw');
    } catch (e) {
      expect((e as UserError).code).toBe('TOO_LONG');
      expect((e as Error).message).toContain('501');
    }
  });

  it('accepts a question of exactly 500 characters', () => {
    expect(validateOptions(askSpecs, { question: 'a'.repeat(500) }, usage)).toEqual({ question: 'a'.repeat(500) });
  });

  it('converts and range-checks integers, choices and booleans', () => {
    expect(validateOptions(searchSpecs, { query: 'x', limit: '7', order: 'NEWEST' }, '')).toEqual({
      query: 'x',
      limit: 7,
      order: 'newest',
    });
    expect(codeOf(() => validateOptions(searchSpecs, { query: 'x', limit: '99' }, ''))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => validateOptions(searchSpecs, { query: 'x', limit: 'many' }, ''))).toBe('BAD_NUMBER');
    expect(codeOf(() => validateOptions(searchSpecs, { query: 'x', order: 'oldest' }, ''))).toBe('BAD_CHOICE');
    expect(validateOptions(subscribeSpecs, { schedule: 's', timezone: 't', quiet: 'yes' }, '')).toMatchObject({
      quiet: true,
    });
    expect(codeOf(() => validateOptions(subscribeSpecs, { schedule: 's', timezone: 't', quiet: 'perhaps' }, ''))).toBe(
      'BAD_BOOLEAN',
    );
  });

  it('rejects options the command does not declare', () => {
    expect(codeOf(() => validateOptions(askSpecs, { question: 'x', colour: 'red' }, usage))).toBe('UNKNOWN_OPTION');
  });

  it('derives usage lines from the declaration', () => {
    expect(usageOf('search', searchSpecs)).toBe('/search <query> [order:relevance|newest] [limit:integer]');
    expect(usageOf('digest', subscribeSpecs, 'subscribe')).toBe(
      '/digest subscribe schedule:<text> timezone:<text> [topic:text] [quiet:boolean]',
    );
  });
});
