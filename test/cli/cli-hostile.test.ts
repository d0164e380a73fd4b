import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands } from '../../commands/index.js';
import { TOOLS } from '../../src/cli/tools.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../store/temp-dir.js';
import { runCli, type CliResult } from './run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const base = tempDir('briefbot-cli-hostile-');
let n = 0;
const freshStore = () => join(base, `store-${++n}.db`);
const STACK_LINE = /^\s+at .+[:(]\d+/m;

/** Runs a few CLI processes at a time (two cores are shared by every suite). */
async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

describe('--help and --version', () => {
  // Every subcommand: the tools, "digest run", "start", and every chat command (and digest's subcommands).
  const invocations = [
    ['start'],
    ...Object.keys(TOOLS)
      .filter((t) => t !== 'digest-run')
      .map((t) => [t]),
    ['digest', 'run'],
    ...allCommands.map((c) => [c.name]),
    ...Object.keys(allCommands.find((c) => c.name === 'digest')!.subcommands!).map((s) => ['digest', s]),
  ];

  it("prints each subcommand's own usage and exits 0 before opening a store or reading input", async () => {
    const results = await inBatches(invocations, 4, async (args) => {
      const store = freshStore();
      const help =
        args[0] === 'ingest' ? [...args, 'articles', '--help'] : [...args, args.length > 1 ? '-h' : '--help'];
      const r = await runCli(help, { env: { BRIEFBOT_STORE: store } });
      return { args, r, created: existsSync(store) };
    });
    for (const { args, r, created } of results) {
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      const name = args[0] === 'start' ? 'briefbot [start]' : `briefbot ${args.join(' ')}`;
      expect(r.stdout, args.join(' ')).toContain(`Usage: ${name}`);
      expect(created, `${args.join(' ')} opened the store`).toBe(false);
    }
  }, 120_000);

  it('shows the channel option on digest subscribe, derived from the command declaration', async () => {
    const r = await runCli(['digest', 'subscribe', '--help']);
    expect(r.stdout).toMatch(/--schedule TEXT +Five-field cron expression/);
    expect(r.stdout).toMatch(/--channel PLATFORM:ID/);
  });

  it('prints the version from package.json', async () => {
    const r = await runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: 'briefbot 0.1.0\n' });
  });
});

describe('digest subscribe --channel', () => {
  it('subscribes the Slack channel given, and says it is not configured here', async () => {
    const store = freshStore();
    const r = await runCli([
      'digest',
      'subscribe',
      '--schedule',
      '0 8 * * 1-5',
      '--channel',
      'slack:C0123ABCD',
      '--store',
      store,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Subscribed Slack channel C0123ABCD: `0 8 * * 1-5` in UTC');
    expect(r.stderr).toContain('note: slack is not configured here');
    const list = await runCli(['digest', 'list', '--json', '--store', store]);
    expect(JSON.parse(list.stdout).data.map((s: { channel: unknown }) => s.channel)).toEqual([
      { platform: 'slack', id: 'C0123ABCD' },
    ]);
  });

  it('subscribes a Discord channel by its snowflake', async () => {
    const r = await runCli([
      'digest',
      'subscribe',
      '--schedule',
      '0 8 * * *',
      '--channel',
      'discord:123456789012345678',
      '--store',
      freshStore(),
    ]);
    expect(r.stdout).toContain('Subscribed Discord channel 123456789012345678');
  });

  it.each([['slack:not-an-id'], ['slack:c0123abcd'], ['discord:42'], ['teams:C0123ABCD'], ['C0123ABCD']])(
    'refuses --channel %s with the expected form, touching nothing',
    async (channel) => {
      const store = freshStore();
      const r = await runCli([
        'digest',
        'subscribe',
        '--schedule',
        '0 8 * * *',
        '--channel',
        channel,
        '--store',
        store,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--channel must be slack:CHANNEL_ID (e.g. slack:C0123ABCD) or discord:CHANNEL_ID');
      expect(existsSync(store)).toBe(false);
    },
  );

  it('refuses options the command or subcommand does not take, instead of dropping them', async () => {
    const [onAsk, onList] = await Promise.all([
      runCli(['ask', 'Who is Blinken?', '--channel', 'slack:C0123ABCD', '--store', freshStore()]),
      runCli(['digest', 'list', '--schedule', '0 8 * * *', '--store', freshStore()]),
    ]);
    expect(onAsk.code).toBe(2);
    expect(onAsk.stderr).toBe('briefbot: --channel applies to briefbot digest only; briefbot ask answers here.\n');
    expect(onList.code).toBe(2);
    expect(onList.stderr).toContain('--schedule does not apply to briefbot digest list');
  });
});

describe('.env', () => {
  const dir = join(base, 'dotenv');
  beforeAll(() => mkdirSync(dir, { recursive: true }));

  it('is read by the CLI, with the real environment winning over it', async () => {
    writeFileSync(join(dir, '.env'), `BRIEFBOT_STORE=${join(dir, 'from-dotenv.db')}\n`);
    const fromFile = await runCli(['sources', '--json'], { cwd: dir, env: { BRIEFBOT_STORE: '' } });
    expect(fromFile.code).toBe(0);
    expect(existsSync(join(dir, 'from-dotenv.db'))).toBe(true);
    const real = join(dir, 'from-environment.db');
    await runCli(['sources', '--json'], { cwd: dir, env: { BRIEFBOT_STORE: real } });
    expect(existsSync(real)).toBe(true);
  });

  it('is validated like every setting: a bad value stops the CLI with one message naming .env, no stack', async () => {
    writeFileSync(join(dir, '.env'), 'HTTP_PORT=abc\n');
    const r = await runCli(['sources'], { cwd: dir, env: { HTTP_PORT: undefined as unknown as string } });
    expect(r.code).toBe(78);
    expect(r.stderr).toBe(
      'briefbot: Invalid configuration (1 problem):\n  - HTTP_PORT=abc (.env): expected a port number 1-65535 (or 0 for any free port)\n',
    );
  });

  it('stops `npm start` (src/main.ts) with a bad value before anything starts', async () => {
    writeFileSync(join(dir, '.env'), 'HTTP_PORT=abc\n');
    const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent' };
    delete env.HTTP_PORT;
    const r = await new Promise<CliResult>((resolve) => {
      const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('HTTP_PORT=abc (.env): expected a port number');
  });
});

describe('one-shot commands that cannot reach their store', () => {
  it('gives up on an unreachable DATABASE_URL after a few attempts, with one line', async () => {
    const r = await runCli(['ask', 'Who is Blinken?'], {
      env: { DATABASE_URL: 'postgres://briefbot@127.0.0.1:1/none', LOG_LEVEL: '' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'briefbot: Could not reach PostgreSQL at postgres://briefbot@127.0.0.1:1/none (DATABASE_URL) after 3 attempts: connect ECONNREFUSED 127.0.0.1:1.\n',
    );
  });

  it('migrate-store says why it cannot reach --to in one line, without a logged stack', async () => {
    const from = freshStore();
    await (await openSqliteStore(from)).close();
    const r = await runCli(
      ['migrate-store', '--from', `sqlite:${from}`, '--to', 'postgres://briefbot@127.0.0.1:1/none'],
      { env: { LOG_LEVEL: '' } },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'briefbot: Could not reach PostgreSQL at postgres://briefbot@127.0.0.1:1/none (--to) after 3 attempts: connect ECONNREFUSED 127.0.0.1:1.\n',
    );
  });

  it('fails at once, naming the path, for a store that cannot be created (/proc)', async () => {
    const r = await runCli(['ask', 'hi', '--store', '/proc/nope/x.db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "briefbot: The store /proc/nope/x.db cannot be created: ENOENT: no such file or directory, mkdir '/proc/nope'\n",
    );
  });

  it('prints a configuration error once, without a stack trace', async () => {
    const r = await runCli(['ask', 'hi', '--store', freshStore()], { env: { HTTP_PORT: 'abc' } });
    expect(r.code).toBe(78);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).toContain('HTTP_PORT=abc (environment): expected a port number');
  });
});

describe('briefbot ingest exit status', () => {
  it('exits 1 when nothing given could be read, listing why', async () => {
    const store = freshStore();
    const r = await runCli(['ingest', join(base, 'missing.txt'), join(base, 'missing-folder'), '--store', store]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/skipped .*missing\.txt: cannot read \(ENOENT/);
  });

  it('exits 0 when something was stored or was already there', async () => {
    const store = freshStore();
    const file = join(base, 'one.txt');
    writeFileSync(file, 'Harbour reopens\n\nThe harbour reopened on Monday after the storm.\n');
    const first = await runCli(['ingest', file, join(base, 'missing.txt'), '--store', store]);
    const again = await runCli(['ingest', file, '--store', store]);
    expect([first.code, again.code]).toEqual([0, 0]);
  });
});

describe('the CLI error handler', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Discord answers every call with an API error, whose `code` is a number.
    server = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Missing Access', code: 50001 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reports an error whose code is a number instead of crashing on it', async () => {
    const r = await runCli(['discord-register', '--guild', '123456789012345678'], {
      env: {
        DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB',
        DISCORD_APP_ID: '123456789012345678',
        DISCORD_API_URL: url,
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^briefbot: Missing Access\n/);
    expect(r.stderr).not.toContain('is not a function');
  });
});
