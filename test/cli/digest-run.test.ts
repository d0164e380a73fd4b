import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_ARTICLES } from '../helpers/test-bot.js';
import { runCli } from './run-cli.js';

/** The README's digest example, step by step, as a new user runs it. */
describe('briefbot digest run --dry-run, as the README shows it', () => {
  let dir: string;
  let store: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-digest-run-'));
    store = join(dir, 'store.db');
    await runCli(['ingest', SHIPPED_ARTICLES, '--store', store]);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the digest a new subscription would post at its next run, with its times in the subscription timezone', async () => {
    const sub = await runCli([
      'digest',
      'subscribe',
      '--schedule',
      '0 * * * *',
      '--timezone',
      'America/Mexico_City',
      '--store',
      store,
    ]);
    expect(sub.stdout).toContain('Subscribed the console');
    const run = await runCli(['digest', 'run', '--at', 'in 1 hour', '--dry-run', '--store', store]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('No subscription is due');
    // Mexico City keeps UTC-6 all year: the slot is shown there, as the digest's own title is, not as a UTC ISO time.
    expect(run.stdout).toMatch(/^console:console: \w{3} \d{1,2} \w{3}, \d\d:00 GMT-6 due$/m);
    expect(run.stdout).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(run.stdout).toMatch(/^Digest \(\w{3} \d{1,2} \w{3}, \d\d:\d\d GMT-6\)$/m);
    expect(run.stdout).toContain('U.S. and Mexico hold High-Level Security Dialogue in Mexico City');
  });

  it('refuses a time it cannot read, with exit code 2', async () => {
    const r = await runCli(['digest', 'run', '--at', 'whenever', '--dry-run', '--store', store]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--at must be a time such as 2021-10-11T13:00:00Z or "in 1 hour"');
  });
});
