/**
 * Replays the Dockerfile outside Docker (Docker cannot run on the dev machines): the same files
 * copied, `npm ci` with dev dependencies and `npm run build` as in the build stage, `npm prune
 * --omit=dev` as before the runtime stage copies node_modules, then the runtime CMD started with no
 * credentials. Anything the production image would lack (a dev-only import, a file read from src/,
 * a missing article) fails here. Slow by nature: one file, generous timeouts.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = process.cwd();
/** Exactly the Dockerfile's COPY sources. */
const COPIED = ['package.json', 'package-lock.json', 'tsconfig.json', 'src', 'commands', 'config', 'articles'];
const INSTALL_MS = 12 * 60_000;

let app = '';
const started: ChildProcess[] = [];
const mounts: string[] = [];

/** The environment of a fresh process: no npm lifecycle variables, no test runner's, no credentials. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_OPTIONS|SLACK_|DISCORD_|OPENAI_|DATABASE_URL|BRIEFBOT_|HTTP_|LOG_|TEST)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

async function npm(args: string[]): Promise<void> {
  try {
    await run('npm', args, { cwd: app, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024, timeout: INSTALL_MS });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `npm ${args.join(' ')} failed: ${err.message}\n${err.stdout?.slice(-3000)}\n${err.stderr?.slice(-3000)}`,
    );
  }
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

interface Started {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The image's CMD, with stdin closed as under `docker run -d`. */
function startBot(env: Record<string, string>): Started {
  const proc = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: app,
    env: cleanEnv({ NODE_ENV: 'production', LOG_FORMAT: 'json', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(proc);
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

/** Polls until the path answers 200, failing early (with the bot's output) if the bot exits. */
async function waitFor200(bot: Started, url: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  let exited = false;
  void bot.exited.then(() => (exited = true));
  while (Date.now() < until) {
    if (exited) throw new Error(`the bot exited before ${url} answered 200:\n${bot.output().slice(-4000)}`);
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${ms} ms:\n${bot.output().slice(-4000)}`);
}

/** A read-only filesystem, as `-v data:/data:ro` gives the container. Root ignores file modes, so it takes a mount. */
async function readOnlyMount(dir: string): Promise<boolean> {
  try {
    await run('mount', ['--bind', dir, dir]);
    mounts.push(dir);
    await run('mount', ['-o', 'remount,bind,ro', dir]);
    return true;
  } catch {
    return false;
  }
}

describe('production install (the Dockerfile replayed)', () => {
  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'briefbot-image-'));
    for (const entry of COPIED) cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
    // Build stage: dev dependencies, compile. The npm cache makes this work without downloads.
    await npm(['ci', '--prefer-offline', '--no-audit', '--no-fund']);
    await npm(['run', 'build']);
    // Then the runtime's node_modules: production dependencies only.
    await npm(['prune', '--omit=dev', '--no-audit', '--no-fund']);
  }, INSTALL_MS * 2);

  afterAll(async () => {
    for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    for (const m of mounts.reverse()) await run('umount', [m]).catch(() => {});
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('builds dist/ with the entry points and ships no dev dependencies', () => {
    for (const f of ['dist/src/main.js', 'dist/src/cli.js', 'dist/commands/index.js'])
      expect(existsSync(join(app, f)), f).toBe(true);
    for (const dev of ['typescript', 'vitest', 'tsx'])
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
  });

  it('starts with no credentials, answers /healthz and /readyz, answers `briefbot ask`, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const data = join(app, 'data-ok');
    const env = { HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', BRIEFBOT_STORE: join(data, 'briefbot.db') };
    const bot = startBot(env);
    await waitFor200(bot, `http://127.0.0.1:${port}/healthz`);
    await waitFor200(bot, `http://127.0.0.1:${port}/readyz`);
    expect(await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text())).toMatch(
      /^nodejs_eventloop_lag_seconds /m,
    );

    const { stdout } = await run(
      process.execPath,
      ['dist/src/cli.js', 'ask', 'What new initiative is the U.S. unveiling?', '--json'],
      {
        cwd: app,
        env: cleanEnv({ NODE_ENV: 'production', ...env, LOG_LEVEL: 'warn' }),
        timeout: 120_000,
      },
    );
    const answer = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(answer.answered).toBe(true);
    expect(answer.citations.length).toBeGreaterThan(0);
    // The answer's wording is the answerer's business; here it must come from the shipped article.
    expect(answer.citations.some((c: { quote: string }) => /Bicentennial Framework/.test(c.quote))).toBe(true);

    bot.proc.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 300_000);

  for (const existing of [false, true]) {
    it(`refuses to start on a read-only store volume ${existing ? 'holding an existing store' : 'that is empty'}, with a message naming the path`, async (ctx) => {
      const data = join(app, existing ? 'data-ro-existing' : 'data-ro-empty');
      mkdirSync(data, { recursive: true });
      // The store the healthy run left behind, as a volume from an earlier container would hold it.
      if (existing && existsSync(join(app, 'data-ok', 'briefbot.db')))
        cpSync(join(app, 'data-ok', 'briefbot.db'), join(data, 'briefbot.db'));
      if (!(await readOnlyMount(data))) ctx.skip();
      const store = join(data, 'briefbot.db');
      const bot = startBot({ HTTP_PORT: String(await freePort()), HTTP_HOST: '127.0.0.1', BRIEFBOT_STORE: store });
      const code = await bot.exited;
      expect(code).not.toBe(0);
      expect(bot.output()).toContain(store);
      expect(bot.output()).toMatch(/read-only|cannot be written/i);
      expect(bot.output()).not.toMatch(/^\s+at /m); // a message for an operator, not a stack trace
    }, 120_000);
  }

  it('refuses to start when HTTP_PORT is taken, with a message naming HTTP_PORT', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      const bot = startBot({
        HTTP_PORT: String(port),
        HTTP_HOST: '127.0.0.1',
        BRIEFBOT_STORE: join(app, 'data-port', 'briefbot.db'),
      });
      expect(await bot.exited).not.toBe(0);
      expect(bot.output()).toContain(`HTTP_PORT=${port}`);
      expect(bot.output()).toMatch(/already in use/);
      expect(bot.output()).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 120_000);
});
