import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/open-app.js';
import type { Invocation } from '../../src/core/invocation.js';
import { storeReadiness } from '../../src/store/open-store.js';
import { TcpProxy } from '../fakes/tcp-proxy.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL, viaProxy } from './postgres-test-db.js';

const run = await shouldRunPostgres('postgres-commands');
const target = new URL(TEST_DATABASE_URL);
const fixture = fileURLToPath(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url));
const base = (command: string): Omit<Invocation, 'options' | 'subcommand'> => ({
  platform: 'cli',
  command,
  user: { id: 'tester', isAdmin: false },
  channel: { platform: 'cli', id: 'cli' },
});

async function eventually(check: () => boolean, deadlineMs = 30_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the composition root with a malformed DATABASE_URL', () => {
  it('refuses to start with a message naming DATABASE_URL, instead of falling back to SQLite', async () => {
    await expect(openApp({ role: 'test', env: { DATABASE_URL: 'postgres//db.internal/briefbot' } })).rejects.toThrow(
      /DATABASE_URL/,
    );
  });
});

describe.skipIf(!run)('commands on the PostgreSQL store when the database goes away', () => {
  const schema = testSchema('bb_cmd');
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  let app: App;

  beforeAll(async () => {
    await proxy.up();
    app = await openApp({ role: 'test', env: { DATABASE_URL: `${viaProxy(proxy.url)}?schema=${schema}` } });
    const report = await app.ingest([fixture]);
    expect(JSON.stringify(report)).toMatch(/added/);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await proxy.down();
    await dropSchema(schema);
  });

  it('answers from PostgreSQL, gives STORE_UNAVAILABLE while it is down, and the same answers once it is back', async () => {
    expect(app.store.kind).toBe('postgres');
    const before = await app.bot.dispatchText(base('search'), 'Blinken security');
    expect(before.errorCode).toBeUndefined();
    expect(JSON.stringify(before)).toContain('us-mexico-security-dialogue');

    await proxy.down();
    for (const [command, text] of [
      ['search', 'Blinken security'],
      ['ask', 'Who met Blinken in Mexico City?'],
      ['sources', ''],
    ]) {
      const reply = await app.bot.dispatchText(base(command), text);
      expect(reply.errorCode, command).toBe('STORE_UNAVAILABLE');
      expect(reply.sections[0].text).toBe('The article store is unavailable right now; try again shortly.');
    }
    expect(storeReadiness(app.store).ready).toBe(false);

    await proxy.up();
    await eventually(() => storeReadiness(app.store).ready);
    const after = await app.bot.dispatchText(base('search'), 'Blinken security');
    expect(after).toEqual(before);
  }, 60_000);
});
