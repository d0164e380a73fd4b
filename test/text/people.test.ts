import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/analyze.js';
import { FIXTURE_DATE, FIXTURE_TEXT } from './text-store.js';

const a = analyze(FIXTURE_TEXT, FIXTURE_DATE);
const person = (key: string) => a.people.find((p) => p.key === key);

describe('people, roles and affiliations', () => {
  it('reads the role written before a name', () => {
    expect(person('antony blinken')).toMatchObject({
      name: 'Antony Blinken',
      role: 'U.S. Secretary of State',
      affiliation: 'U.S.',
    });
    expect(person('marcelo ebrard')).toMatchObject({ role: 'Mexican Foreign Secretary', affiliation: 'Mexico' });
    expect(person('ned price')).toMatchObject({
      role: 'State Department spokesperson',
      affiliation: 'State Department',
    });
  });

  it('keeps accents in the display name and folds them in the key', () => {
    expect(person('andres manuel lopez obrador')).toMatchObject({
      name: 'Andrés Manuel López Obrador',
      role: 'Mexican President',
    });
  });

  it('reads an appositive role ("X, the Y of Z,")', () => {
    const r = analyze(
      'Jean-Claude Juncker, the president of the European Commission, said the talks would go on.',
      '2019-05-01',
    );
    expect(r.people).toEqual([
      expect.objectContaining({
        key: 'jean-claude juncker',
        name: 'Jean-Claude Juncker',
        role: 'president of the European Commission',
        affiliation: 'European Commission',
      }),
    ]);
  });

  it('handles hyphenated names and names with particles', () => {
    const r = analyze(
      'Rep. Alexandria Ocasio-Cortez met Foreign Minister Ursula von der Leyen. Ocasio-Cortez said the meeting went well.',
      '2020-01-10',
    );
    const aoc = r.people.find((p) => p.key === 'alexandria ocasio-cortez');
    expect(aoc?.mentions).toBe(2);
    expect(r.people.find((p) => p.key === 'ursula von der leyen')?.role).toBe('Foreign Minister');
  });

  it('resolves later surname mentions to the full-named person', () => {
    const blinken = a.sentences.flatMap((s) => s.entities).filter((e) => e.key === 'antony blinken');
    expect(blinken.map((e) => e.text)).toEqual(expect.arrayContaining(['Antony Blinken', 'Blinken']));
    expect(person('antony blinken')!.mentions).toBeGreaterThanOrEqual(5);
    const priceSaid = a.sentences.find((s) => s.text.includes('Price said.'))!;
    expect(priceSaid.entities).toContainEqual({ text: 'Price', type: 'person', key: 'ned price' });
  });

  it('finds organisations and places without a gazetteer', () => {
    const all = a.sentences.flatMap((s) => s.entities);
    expect(all).toContainEqual({ text: 'State Department', type: 'org' });
    expect(all).toContainEqual({ text: 'Merida Initiative', type: 'org' });
    expect(all).toContainEqual({ text: 'Mexico City', type: 'place' });
    expect(all.some((e) => e.type === 'person' && /Mexico|Paris|State/.test(e.text))).toBe(false);
  });

  it('does not take a company that "said" something, or a title before a common word, for a person', () => {
    const r = analyze(
      'Time Warner said its profits rose at the time. Executives expect the General Election soon, and the election may change that.',
      '2005-01-01',
    );
    expect(r.people).toEqual([]);
  });

  it('stops a name at "of" after it ("President Nestor Kirchner of Argentina")', () => {
    const r = analyze('President Nestor Kirchner of Argentina said the deal was fair.', '2005-01-01');
    expect(r.people.map((p) => p.name)).toEqual(['Nestor Kirchner']);
  });

  it('flags sentences that state a number', () => {
    expect(a.sentences.find((s) => s.text.includes('13-year-old'))!.hasNumber).toBe(true);
    expect(a.sentences.find((s) => s.text.startsWith('Earlier Friday'))!.hasNumber).toBe(false);
  });
});
