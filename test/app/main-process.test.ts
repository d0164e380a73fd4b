import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_ARTICLES } from '../helpers/test-bot.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The bot as `npm start` runs it, with its console door fed through a pipe. */
describe('the running bot (console door, no credentials)', () => {
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let out = '';
  /** stdout alone: what the person at the console reads. */
  let chat = '';
  let port = 0;

  const waitFor = async (pattern: RegExp, from = 0, timeoutMs = 30_000): Promise<string> => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const m = pattern.exec(out.slice(from));
      if (m) return m[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${pattern}; output so far:\n${out.slice(-2000)}`);
  };

  const ask = async (line: string, expected: RegExp, timeoutMs?: number) => {
    const from = out.length;
    child.stdin.write(`${line}\n`);
    return waitFor(expected, from, timeoutMs);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-main-'));
    cpSync(SHIPPED_ARTICLES, join(dir, 'articles'), { recursive: true });
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        BRIEFBOT_STORE: join(dir, 'store.db'),
        BRIEFBOT_ARTICLES: join(dir, 'articles'),
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_FORMAT: 'json',
        // The console door drops logs to warnings unless asked: these tests read the info lines.
        LOG_LEVEL: 'info',
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: '',
      },
    });
    child.stdout.on('data', (d) => {
      out += d;
      chat += d;
    });
    child.stderr.on('data', (d) => (out += d));
    const listening = await waitFor(/"port":\d+[^\n]*ops endpoints listening/);
    port = Number(/"port":(\d+)/.exec(listening)![1]);
    await waitFor(/"msg":"ready"/);
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('says which store it opened and how many articles it holds', () => {
    expect(out).toMatch(/store .*store\.db: 1 article\b/);
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
    expect(out).toMatch(/"msg":"ready"/);
    expect(chat).toContain('Type /help');
    expect(chat).not.toMatch(/"level":\d+/);
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
      const from = out.length;
      child.stdin.write('/sources\n');
      const text = await waitFor(/\d+ articles? \(/, from);
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
      const from = out.length;
      child.stdin.write('/sources\n');
      count = await waitFor(/\d+ articles? \(/, from);
      if (count.startsWith('1 article')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(count).toMatch(/^1 article \(/);
    await ask('/search Rodríguez', /No articles in the store match/);
  });

  it('is healthy and ready, with metrics counting the commands', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/commands_total\{platform="console",command="ask",outcome="ok"\} [1-9]/);
  });

  it('shuts down cleanly on SIGTERM with exit code 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/"msg":"shutdown complete"/);
  });
});
