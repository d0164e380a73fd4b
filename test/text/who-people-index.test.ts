import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleInput, ArticleStore } from '../../src/store/article-store.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createCast } from '../../src/text/cast/cast.js';
import type { Analysis, PersonRecord } from '../../src/text/types.js';
import { article } from '../store/analysis-fixture.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from '../store/postgres-test-db.js';
import { tempDir } from '../store/temp-dir.js';
import { fullLoadPeopleNames, fullLoadWho } from './full-load-cast.js';

// /who and autocomplete read tallies and a few cards instead of every card and quote; these
// tests hold them to the replies of the full load, on both backends.

type Story = { input: ArticleInput; analysis: Analysis };

const person = (key: string, name: string, mentions = 1, role?: string, affiliation?: string): PersonRecord => ({
  key,
  name,
  mentions,
  ...(role ? { role } : {}),
  ...(affiliation ? { affiliation } : {}),
});

let stories = 0;
/** An article naming these people; each quote goes to sentence i % 3 of three placeholder sentences. */
function story(
  published: string | undefined,
  people: PersonRecord[],
  quotes: [speaker: string, text: string][] = [],
): Story {
  const id = `story-${++stories}`;
  const a = article([`Report ${id} begins.`, `Report ${id} goes on.`, `Report ${id} ends.`], {
    people,
    quotes: quotes.map(([speakerKey, text], i) => ({ speakerKey, text, sentenceIdx: i % 3, direct: i % 2 === 0 })),
  });
  return {
    input: {
      id,
      title: `Report ${id}`,
      source: 'Wire',
      url: `https://news.example/${id}`,
      ...(published ? { published } : {}),
      text: a.text,
    },
    analysis: a.analysis,
  };
}

const FILLER = [
  'Ada Ames',
  'Ben Bell',
  'Cy Cole',
  'Di Dunn',
  'Ed Eyre',
  'Flo Fox',
  'Gus Gray',
  'Hal Hunt',
  'Ivy Isles',
  'Jo Judd',
  'Kit Kerr',
  'Lu Lowe',
  'Mo Mann',
  'Ned Nash',
  'Oz Orme',
  'Pip Pratt',
  'Quin Quaid',
  'Rex Rook',
  'Sid Sterne',
  'Ty Tate',
];

/**
 * Surname folds (Blinken's short form with quotes; Price whose only quote is the short form's),
 * surnames shared without a fold (Brown) or with no key of their own (Jones), people tied on
 * counts and on names, a key spelt two ways, accents, an undated article, twenty more people.
 */
function corpus(): Story[] {
  const blinken = 'antony blinken';
  return [
    story(
      '2021-10-01',
      [person(blinken, 'Antony Blinken', 3, 'Secretary of State', 'U.S.')],
      [
        [blinken, 'B one.'],
        [blinken, 'B two.'],
      ],
    ),
    story(
      '2021-10-02',
      [person(blinken, 'Antony Blinken', 2, 'U.S. Secretary of State', 'U.S.')],
      [
        [blinken, 'B three.'],
        [blinken, 'B four.'],
      ],
    ),
    story(
      '2021-10-03',
      [person(blinken, 'Antony Blinken', 1)],
      [
        [blinken, 'B five.'],
        [blinken, 'B six.'],
      ],
    ),
    story(
      '2021-10-04',
      [person('blinken', 'Blinken', 2, 'diplomat')],
      [
        ['blinken', 'Short one.'],
        ['blinken', 'Short two.'],
      ],
    ),
    story(
      undefined,
      [person('blinken', 'Blinken', 1)],
      [
        ['blinken', 'Short undated.'],
        ['blinken', 'Short undated two.'],
      ],
    ),
    story('2021-09-01', [
      person('ned price', 'Ned Price', 2, 'spokesperson', 'State Department'),
      person('gordon brown', 'Gordon Brown', 2),
    ]),
    story(
      '2021-09-02',
      [person('ned price', 'Ned Price', 1), person('brown', 'Brown', 1)],
      [['gordon brown', 'GB said.']],
    ),
    story('2021-09-03', [person('price', 'Price', 1)], [['price', 'Price said.']]),
    story(
      '2021-09-04',
      [
        person('gordon brown', 'Gordon Brown', 1, 'Chancellor'),
        person('ian brown', 'Ian Brown', 1),
        person('brown', 'Brown', 2),
      ],
      [['brown', 'Brown said.']],
    ),
    story(
      '2021-09-05',
      [person('adam jones', 'Adam Jones', 2), person('marion jones', 'Marion Jones', 2, 'sprinter')],
      [['marion jones', 'MJ said.']],
    ),
    story(
      '2021-09-06',
      [person('jose mourinho', 'José Mourinho', 2, 'manager', 'Chelsea')],
      [
        ['jose mourinho', 'JM said.'],
        ['nobody listed', 'Unattributed.'],
      ],
    ),
    story('2021-09-08', [person('li wei', 'Li Wei', 2)]),
    story('2021-09-07', [
      person('li wei', 'LI Wei', 2, 'envoy'),
      person('sam lee', 'Sam Lee', 1),
      person('sam lee jr', 'Sam Lee', 1, 'intern'),
    ]),
    ...FILLER.map((name, i) =>
      story(
        `2021-08-${String(i + 1).padStart(2, '0')}`,
        [person(name.toLowerCase(), name, (i % 3) + 1)],
        i % 4 === 0 ? [[name.toLowerCase(), `${name} said.`]] : [],
      ),
    ),
  ];
}

const NAMES = [
  'Blinken',
  'antony blinken',
  'ANTONY',
  'ant',
  'price',
  'Ned Price',
  'brown',
  'Gordon Brown',
  'gor',
  'jones',
  'Marion',
  'jose',
  'José Mourinho',
  'mourinho',
  'li wei',
  'sam lee',
  'sam',
  'lee',
  'ada',
  'x',
  'nobody listed',
  'Justin Trudeau',
];
const PREFIXES: [string, number?][] = [
  [''],
  ['b'],
  ['bl'],
  ['BLIN'],
  ['j'],
  ['jo', 1],
  ['s', 3],
  ['é'],
  ['zz'],
  ['', 100],
  ['a', 0],
  ['lee'],
];
/** What users type that is no name at all, or meant to break a query. */
const HOSTILE = [
  '',
  '   ',
  '\t\n',
  '!!!',
  '?',
  '"',
  '*',
  '—',
  "'",
  "'; DROP TABLE people; --",
  'Blinken" OR 1=1 --',
  'NEAR(blinken brown)',
  'title:blinken',
  'blink*',
  '%',
  '_',
  '\\',
  'x'.repeat(5000),
  'Blinken '.repeat(700),
  'JOSÉ MOURINHO',
  'Jose\u0301 Mourinho',
  'Мourinho',
  '李伟',
  '🙂',
  '\u0000',
  'null',
  'undefined',
];

const dir = tempDir('briefbot-who-');
let n = 0;
const runPostgres = await shouldRunPostgres('who-people-index');
const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

const backends: [string, () => Promise<ArticleStore>][] = [['sqlite', () => openSqliteStore(`${dir}/who-${++n}.db`)]];
if (runPostgres) {
  backends.push([
    'postgres',
    async () => {
      const schema = testSchema();
      schemas.push(schema);
      return openPostgresStore(TEST_DATABASE_URL, { schema });
    },
  ]);
}

describe.each(backends)('/who and autocomplete from the people index (%s)', (_name, open) => {
  let store: ArticleStore;
  beforeEach(async () => {
    store = await open();
    for (const s of corpus()) await store.upsert(s.input, s.analysis);
  });
  afterEach(async () => store.close());

  it('lists the same fifteen people, first quotes, quote counts and "…and N more" as the full load', async () => {
    const r = await createCast(store).who();
    expect(r).toEqual(await fullLoadWho(store));
    const text = r.sections[0].text;
    // "Secretary of State" is the end of "U.S. Secretary of State": one role, said the fuller way.
    expect(text).toContain('Antony Blinken — U.S. Secretary of State · 5 articles · 10 quotes\n  “B one.”');
    expect(text).toContain('Ned Price — spokesperson (State Department) · 3 articles · 1 quote\n  “Price said.”');
    expect(text).toMatch(/…and \d+ more\. Ask \/who <name> for one person\.$/);
  });

  it('answers every name as the full load does: one card, several matches or no one', async () => {
    const cast = createCast(store);
    for (const name of NAMES) expect(await cast.who(name), name).toEqual(await fullLoadWho(store, name));
    const blinken = await cast.who('Blinken');
    // Direct quotes in quotation marks; reported ones (every second quote here) as their article's sentence.
    const said = blinken.sections.find((s) => s.heading === 'Quotes')!.text.split('\n');
    expect(said.filter((l) => l.startsWith('“'))).toEqual([
      '“B one.” [1]',
      '“B three.” [3]',
      '“B five.” [5]',
      '“Short one.” [7]',
    ]);
    expect(said.filter((l) => l.startsWith('Reported: '))).toHaveLength(4);
    expect(said.every((l) => l.startsWith('“') || /^Reported: Report story-\d+ goes on\. \[\d\]$/.test(l))).toBe(true);
    expect((await cast.who('jones')).sections[0].text).toBe(
      'Several people match “jones”:\n• Adam Jones · 1 article\n• Marion Jones — sprinter · 1 article · 1 quote\nAsk again with more of the name.',
    );
  });

  it('offers the same autocomplete names, in the same order, for any prefix and limit', async () => {
    const cast = createCast(store);
    for (const [prefix, limit] of PREFIXES)
      expect(await cast.peopleNames(prefix, limit), `${prefix}/${limit}`).toEqual(
        await fullLoadPeopleNames(store, prefix, limit),
      );
    expect(await cast.peopleNames('bl')).toEqual(['Antony Blinken']);
  });

  it('gives a plain reply, never an error, to names that are empty, punctuation, huge, query syntax or other scripts', async () => {
    const cast = createCast(store);
    for (const name of HOSTILE) {
      const label = JSON.stringify(name.slice(0, 20));
      const r = await cast.who(name);
      expect(r, label).toEqual(await fullLoadWho(store, name));
      expect(r.sections[0].text.trim().length, label).toBeGreaterThan(0);
      expect(await cast.peopleNames(name), label).toEqual(await fullLoadPeopleNames(store, name));
    }
    expect((await cast.who('!!!')).sections[0].text).toBe('No one called “!!!” is named in the articles in the store.');
    expect((await cast.who('JOSÉ MOURINHO')).title).toBe('José Mourinho');
  });

  it('reads no one else’s cards and only the quotes it shows', async () => {
    const reads: string[] = [];
    const observed: ArticleStore = Object.assign(Object.create(store) as ArticleStore, {
      people: (opts?: { keys?: string[]; quotes?: boolean }) => (
        reads.push(`people ${opts?.keys ? [...opts.keys].sort().join('+') : 'ALL'} quotes:${opts?.quotes !== false}`),
        store.people(opts)
      ),
      personQuotes: (keys: string[], limit?: number) => (
        reads.push(`quotes ${[...keys].sort().join('+')} ${limit}`), store.personQuotes(keys, limit)
      ),
    });
    const cast = createCast(observed);
    await cast.who('Blinken');
    expect(reads).toEqual(['people antony blinken+blinken quotes:false', 'quotes antony blinken+blinken 8']);
    reads.length = 0;
    await cast.who('jones');
    await cast.peopleNames('a');
    expect(reads).toEqual(['people adam jones+marion jones quotes:false']);
    reads.length = 0;
    await cast.who();
    expect(reads.every((r) => !r.includes('ALL'))).toBe(true);
    expect(reads.filter((r) => r.startsWith('quotes')).every((r) => r.endsWith(' 1'))).toBe(true);
  });

  it('follows the store when articles change: a new Blinken undoes the fold', async () => {
    const cast = createCast(store);
    await cast.who();
    await cast.who('Blinken');
    const ian = story(
      '2021-11-01',
      [person('ian blinken', 'Ian Blinken', 9, 'analyst')],
      [['ian blinken', 'Ian said.']],
    );
    await store.upsert(ian.input, ian.analysis);
    expect(await cast.who()).toEqual(await fullLoadWho(store));
    for (const name of ['Blinken', 'antony blinken', 'ian'])
      expect(await cast.who(name), name).toEqual(await fullLoadWho(store, name));
    expect(await cast.peopleNames('b')).toEqual(await fullLoadPeopleNames(store, 'b'));
    expect((await cast.who('Blinken')).title).toBe('Blinken');
  });

  it('says so when no one is named yet', async () => {
    const empty = await open();
    try {
      expect((await createCast(empty).who()).sections[0].text).toBe(
        'No people are named in the articles in the store.',
      );
      expect(await createCast(empty).peopleNames('a')).toEqual([]);
      expect(await createCast(empty).who('Blinken')).toEqual(await fullLoadWho(empty, 'Blinken'));
    } finally {
      await empty.close();
    }
  });
});
