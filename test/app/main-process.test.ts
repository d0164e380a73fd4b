import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_ARTICLES } from '../helpers/test-bot.js';
import { RunningBot } from './running-bot.js';

/** The bot as `npm start` runs it, with its console door fed through a pipe. */
describe('the running bot (console door, no credentials)', () => {
  let dir: string;
  let bot: RunningBot;
  const ask = (line: string, expected: RegExp, timeoutMs?: number) => bot.say(line, expected, timeoutMs);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-main-'));
    cpSync(SHIPPED_ARTICLES, join(dir, 'articles'), { recursive: true });
    bot = await RunningBot.start(dir);
  }, 60_000);

  afterAll(() => {
    bot?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says which store it opened and how many articles it holds', () => {
    expect(bot.out).toMatch(/store .*store\.db: 1 article\b/);
  });

  it('answers a typed question from the shipped article', async () => {
    const text = await ask(
      '/ask Who is the State Department spokesperson?',
      /Ned Price[\s\S]*Sources[\s\S]*2021-10-08/,
    );
    expect(text).toContain('Ned Price');
  });

  it('keeps its logs on stderr, so the chat on stdout is only the conversation', async () => {
    await ask('/help', /\/ask/);
    expect(bot.out).toMatch(/"msg":"ready"/);
    expect(bot.chat).toContain('Type /help');
    expect(bot.chat).not.toMatch(/"level":\d+/);
  });

  it('treats a line without a slash as a question', async () => {
    await ask('what would the new arrangement replace?', /Merida Initiative/);
  });

  it('picks up an article dropped into the folder without a restart', async () => {
    writeFileSync(
      join(dir, 'articles', 'follow-up.md'),
      '---\ntitle: Mexico names extradition liaison\npublished: 2021-10-12\n---\nMexico named Rosa Icela Rodríguez as the liaison for extraditions to the United States on Tuesday, officials said.\n',
    );
    const until = Date.now() + 20_000;
    let seen = false;
    while (!seen && Date.now() < until) {
      const text = await ask('/sources', /\d+ articles? \(/);
      seen = text.startsWith('2 articles');
      if (!seen) await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen).toBe(true);
    await ask('/ask Who is the liaison for extraditions?', /Rosa Icela Rodr/);
  });

  it('removes an article whose file is deleted from the folder, without a restart', async () => {
    rmSync(join(dir, 'articles', 'follow-up.md'));
    const until = Date.now() + 20_000;
    let count = '';
    while (Date.now() < until) {
      count = await ask('/sources', /\d+ articles? \(/);
      if (count.startsWith('1 article')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(count).toMatch(/^1 article \(/);
    await ask('/search Rodríguez', /No articles in the store match/);
  });

  it('is healthy and ready, with metrics counting the commands', async () => {
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    expect(metrics).toMatch(/commands_total\{platform="console",command="ask",outcome="ok"\} [1-9]/);
  });

  it('shuts down cleanly on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => bot.child.once('exit', (code) => resolve(code)));
    bot.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(bot.out).toMatch(/"msg":"shutdown complete"/);
  });
});
