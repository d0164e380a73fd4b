import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { consoleHarness } from './console-harness.js';

const count = (text: string, part: string) => text.split(part).length - 1;
const sourceLines = (out: string) =>
  out
    .slice(out.indexOf('\nSources\n') + 9)
    .split('\n')
    .filter((l) => /^\[\d+\]/.test(l));

/** What a person at the console reads: each thing said once, as the README's exchange shows. */
describe('console replies say each thing once', () => {
  let bot: TestBot;
  let chat: Awaited<ReturnType<typeof consoleHarness>>;
  beforeAll(async () => {
    bot = await makeTestBot();
    chat = await consoleHarness(bot.bot);
  }, 60_000);
  afterAll(async () => {
    await chat?.close();
    await bot?.close();
  });

  it('/brief TOPIC cites its one article once, with title, date and link, and no bullet again under Sources', async () => {
    const out = await chat.invoke('brief', 'security');
    const bullets = out.split('\n').filter((l) => l.startsWith('• '));
    expect(bullets.length).toBeGreaterThan(2);
    expect(bullets.every((b) => b.endsWith(' [1]'))).toBe(true);
    expect(sourceLines(out)).toEqual([
      '[1] U.S. and Mexico hold High-Level Security Dialogue in Mexico City (2021-10-08)',
    ]);
    for (const b of bullets) expect(count(out, b.slice(2, 60)), b).toBe(1);
  });

  it('/timeline says the weekday inference once and cites its source once', async () => {
    const out = await chat.invoke('timeline', '');
    expect(count(out, 'nferred from')).toBe(1);
    expect(out).not.toContain('the article being dated');
    expect(sourceLines(out)).toHaveLength(1);
  });

  it('/timeline merida shows only the Merida event', async () => {
    const out = await chat.invoke('timeline', 'merida');
    const events = out.split('\n').filter((l) => l.startsWith('• '));
    expect(events).toHaveLength(1);
    expect(events[0]).toContain('Merida Initiative');
    expect(out).not.toMatch(/Paris|French/);
  });

  it('/ask shows its quoted sentence once, not again under Sources', async () => {
    const out = await chat.invoke('ask', 'who is leading the Mexican side?');
    expect(out).toContain('Ebrard');
    expect(count(out, 'Representing the Mexican side during the security talks')).toBe(1);
    expect(sourceLines(out)).toEqual([
      '[1] U.S. and Mexico hold High-Level Security Dialogue in Mexico City (2021-10-08)',
    ]);
  });

  it('/search highlights only the content words, and plainly when the console is not a terminal', async () => {
    const out = await chat.invoke('search', 'the fentanyl');
    expect(out).toContain('drugs such as fentanyl.');
    expect(out).not.toContain('**');
    expect(out).not.toContain('\x1b[');
  });

  it('/search names the option meant for an unknown one instead of searching for it', async () => {
    const out = await chat.invoke('search', 'fentanyl sort:newest');
    expect(out).toContain('Unknown option sort: (did you mean order:?)');
  });
});

describe('console at a terminal', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await makeTestBot();
  }, 60_000);
  afterAll(async () => bot?.close());

  async function terminal() {
    const input = new PassThrough();
    const output = new PassThrough();
    let seen = '';
    output.on('data', (d: Buffer) => (seen += String(d)));
    const adapter = new ConsoleAdapter({ input, output, interactive: true });
    bot.adapters.set('console', adapter);
    await adapter.start(bot.bot);
    const type = async (line: string, until: RegExp) => {
      const from = seen.length;
      input.write(`${line}\n`);
      for (let i = 0; i < 500 && !until.test(seen.slice(from)); i++) await new Promise((r) => setTimeout(r, 10));
      return seen.slice(from);
    };
    return { type, close: () => adapter.stop() };
  }

  it('highlights search words in bold', async () => {
    const t = await terminal();
    try {
      const out = await t.type('/search fentanyl', /\n> $/);
      expect(out).toContain('\x1b[1mfentanyl\x1b[22m');
      expect(out).not.toContain('**');
    } finally {
      await t.close();
    }
  });

  it('prints the prompt again after /digest now, below its reply, not before it', async () => {
    const t = await terminal();
    try {
      await t.type('/digest subscribe schedule:"0 8 * * *"', /Subscribed[\s\S]*\n> $/);
      const out = await t.type('/digest now', /Posted the digest[^\n]*\n> $/);
      expect(out).toContain('[digest for console]');
      expect(out).toMatch(/\nPosted the digest to the console at [^\n]+\n> $/);
      expect(out).not.toContain('> Posted');
    } finally {
      await t.close();
    }
  });
});
