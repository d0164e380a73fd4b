import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCast } from '../../src/text/cast/cast.js';
import { createBriefer } from '../../src/text/summarize/briefer.js';
import { openTextStore, type TextStore } from './text-store.js';

let ts: TextStore;
beforeAll(async () => {
  ts = await openTextStore();
  await ts.add({
    id: 'follow-up',
    title: 'Mexico and U.S. agree security framework',
    published: '2021-10-09',
    text: 'Mexican Foreign Secretary Marcelo Ebrard said on Saturday that the framework would be signed soon. “This is a new chapter,” Ebrard said. Blinken met with Mexican President Andrés Manuel López Obrador at a working breakfast.',
  });
});
afterAll(async () => ts.close());

describe('/who', () => {
  it('lists the cast with role, article count and a cited quote', async () => {
    const r = await createCast(ts.store).who();
    const text = r.sections[0].text;
    expect(text).toContain('Marcelo Ebrard — Mexican Foreign Secretary');
    expect(text).toMatch(/Marcelo Ebrard.*2 articles/);
    expect(text).toContain('Ned Price — State Department spokesperson');
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations.every((c) => text.includes(`[${c.n}]`))).toBe(true);
  });

  it('finds a person from a partial, accent-free, lower-case name', async () => {
    const cast = createCast(ts.store);
    for (const name of ['Lopez Obrador', 'lópez obrador', 'ANDRES MANUEL']) {
      const r = await cast.who(name);
      expect(r.title).toBe('Andrés Manuel López Obrador');
      expect(r.sections[0].text).toContain('Mexican President');
    }
    const e = await cast.who('ebrard');
    expect(e.title).toBe('Marcelo Ebrard');
    expect(e.citations.map((c) => c.quote)).toContain('This is a new chapter');
  });

  it('shows a reported statement as the article reports it, never in quotation marks', async () => {
    const r = await createCast(ts.store).who('ebrard');
    const said = r.sections.find((s) => s.heading === 'Quotes')!.text;
    expect(said).toContain(
      'Reported: Ebrard said earlier this week he wants to see the U.S. extradite suspects to Mexico more quickly',
    );
    expect(said).not.toContain('“earlier this week');
    // Words inside quotation marks in the article stay a quote.
    expect(said).toContain('“This is a new chapter”');
    const list = (await createCast(ts.store).who()).sections[0].text;
    expect(list).not.toMatch(/“earlier this week|“The new arrangement would replace/);
  });

  it('merges a role with its own suffix: "U.S. Attorney General" and "Attorney General" are one role', async () => {
    const t = await openTextStore();
    try {
      await t.add({
        id: 'garland',
        title: 'Garland speaks',
        published: '2021-10-11',
        text: 'Attorney General Merrick Garland said on Monday that the department would review extradition cases.',
      });
      const r = await createCast(t.store).who('garland');
      expect(r.sections[0].text).toContain('Role: U.S. Attorney General\n');
      expect(r.sections[0].text).not.toContain('; Attorney General');
    } finally {
      await t.close();
    }
  });

  it('says so for a name that is not in the store', async () => {
    const r = await createCast(ts.store).who('Justin Trudeau');
    expect(r.answered).toBe(false);
    expect(r.sections[0].text).toContain('No one called “Justin Trudeau”');
  });

  it('offers names for autocomplete by any word prefix, accents folded', async () => {
    const cast = createCast(ts.store);
    expect(await cast.peopleNames('lop')).toEqual(['Andrés Manuel López Obrador']);
    expect(await cast.peopleNames('m')).toEqual(
      expect.arrayContaining(['Marcelo Ebrard', 'Alejandro Mayorkas', 'Merrick Garland']),
    );
    expect(await cast.peopleNames('m', 1)).toHaveLength(1);
  });
});

describe('/timeline', () => {
  it('orders dated events, marks inferred dates and explains them once, and cites each event', async () => {
    const r = await createCast(ts.store).timeline();
    const text = r.sections[0].text;
    const lines = text.split('\n').filter((l) => l.startsWith('• '));
    const dates = lines.map((l) => l.slice(2, 12));
    expect([...dates].sort()).toEqual(dates);
    expect(lines[0]).toMatch(/^• 2021-10-06\* — Blinken said Wednesday/);
    expect(lines.some((l) => l.startsWith('• 2021-10-09') && l.includes('framework would be signed'))).toBe(true);
    expect(r.citations).toHaveLength(lines.length);
    // The inference is said once, under the list, not on every line.
    expect(text.match(/[Ii]nferred/g)).toHaveLength(1);
    expect(text).toContain('* Inferred from “Wednesday”, “Thursday”, “Friday” and “Saturday” in the text');
  });

  it('a topic keeps only the events about it: /timeline merida has no Paris or France lines', async () => {
    const r = await createCast(ts.store).timeline('merida');
    const lines = r.sections[0].text.split('\n').filter((l) => l.startsWith('• '));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => /Merida/.test(l))).toBe(true);
    expect(r.sections[0].text).not.toMatch(/Paris|French/);
    const ebrard = await createCast(ts.store).timeline('ebrard');
    const eLines = ebrard.sections[0].text.split('\n').filter((l) => l.startsWith('• '));
    expect(eLines.map((l) => l.slice(2, 12))).toEqual(['2021-10-08', '2021-10-09']);
    expect(eLines.every((l) => l.includes('Ebrard'))).toBe(true);
  });

  it('a topic found in the articles but in none of their dated events says so', async () => {
    const r = await createCast(ts.store).timeline('fentanyl');
    expect(r.answered).toBe(false);
    expect(r.sections[0].text).toBe('No dated events in the store about “fentanyl”.');
  });

  it('a topic that matches nothing says so', async () => {
    const r = await createCast(ts.store).timeline('Antarctic whaling');
    expect(r.answered).toBe(false);
    expect(r.sections[0].text).toContain('Nothing in the store about “Antarctic whaling”');
  });
});

describe('/brief', () => {
  it('gives cited key points, newest article first, a repeated point citing both articles', async () => {
    const r = await createBriefer(ts.store, { points: 4 }).brief();
    const lines = r.sections[0].text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => /\[\d+\]/.test(l))).toBe(true);
    expect(r.citations[0].articleId).toBe('follow-up');
    const breakfast = lines.find((l) => l.includes('working breakfast'));
    expect(breakfast?.match(/\[\d+\]/g)).toHaveLength(2);
  });

  it('briefs on a topic from the articles about it', async () => {
    const r = await createBriefer(ts.store).brief('Merida Initiative');
    expect(r.answered).toBe(true);
    expect(r.sections[0].text.split('\n').every((l) => l.includes('Merida Initiative'))).toBe(true);
  });

  it('a topic that matches nothing says so honestly', async () => {
    const r = await createBriefer(ts.store).brief('Canadian lumber tariffs');
    expect(r).toMatchObject({ answered: false, citations: [] });
    expect(r.sections[0].text).toBe('Nothing in the store about “Canadian lumber tariffs”.');
  });
});

describe('/who across articles', () => {
  it('folds an article that only says "Mr Blinken" into Antony Blinken', async () => {
    const t = await openTextStore();
    try {
      await t.add({
        id: 'later',
        title: 'Talks end',
        published: '2021-10-10',
        text: 'Mr Blinken flew home on Sunday. “We made progress,” Mr Blinken said.',
      });
      const r = await createCast(t.store).who('Blinken');
      expect(r.title).toBe('Antony Blinken');
      expect(r.sections[0].text).toContain('Mentioned in 2 articles');
      expect(r.citations.map((c) => c.quote)).toContain('We made progress');
    } finally {
      await t.close();
    }
  });
});
