import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { PgDigestRepository } from '../../src/digest/postgres/pg-digest-repository.js';
import { analyze } from '../../src/text/analyze.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from '../store/postgres-test-db.js';
import { RecorderServer } from './recorder-server.js';

const run = await shouldRunPostgres('replicas');
const root = fileURLToPath(new URL('../../', import.meta.url));
const REPLICAS = 3;
const CHANNELS = 200;
const LEASE_MS = 3_000;
const KILL_AFTER_POSTS = 60;
const RUN_AT = '2026-01-05T08:00:30.000Z';

interface ReplicaReport {
  replica: string;
  outcomes: { runId: number; subscriptionId: string; state: string; recovered?: boolean }[];
}

function startReplica(
  id: string,
  schema: string,
  recorderUrl: string,
): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/replicas/replica-process.ts'], {
    cwd: root,
    env: {
      ...process.env,
      REPLICA_ID: id,
      RECORDER_URL: recorderUrl,
      RUN_AT,
      LEASE_MS: String(LEASE_MS),
      DATABASE_URL: TEST_DATABASE_URL,
      BB_SCHEMA: schema,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

describe.skipIf(!run)('several replicas sharing one PostgreSQL ledger', () => {
  const schema = testSchema('bb_replicas');
  const recorder = new RecorderServer({ replicas: REPLICAS, replyDelayMs: 40 });
  let store: PostgresStore;
  let repo: PgDigestRepository;

  beforeAll(async () => {
    await recorder.start();
    // The articles were ingested before the run, so every digest has cited content to post.
    store = await openPostgresStore(TEST_DATABASE_URL, { schema, clock: () => new Date('2026-01-05T06:00:00.000Z') });
    const text = readFileSync(new URL('../fixtures/articles/us-mexico-security-dialogue.txt', import.meta.url), 'utf8');
    await store.upsert(
      { id: 'dialogue', title: 'U.S.-Mexico security dialogue', text, published: '2021-10-08' },
      analyze(text, '2021-10-08'),
    );
    repo = new PgDigestRepository(store);
    for (let i = 0; i < CHANNELS; i++) {
      await repo.upsertSubscription(
        {
          channel: { platform: 'console', id: `c${String(i).padStart(3, '0')}` },
          schedule: '0 8 * * *',
          timezone: 'UTC',
          createdBy: 'ops',
        },
        new Date('2026-01-05T07:00:00.000Z'),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await recorder.stop();
    await dropSchema(schema);
  });

  it('posts every channel exactly one digest for the run when one of three replicas is killed midway', async () => {
    const replicas = Array.from({ length: REPLICAS }, (_, i) => ({
      id: `replica-${i + 1}`,
      ...startReplica(`replica-${i + 1}`, schema, recorder.url),
    }));

    // Kill the replica that posted last once the run is under way: it holds leases, and possibly a
    // post the platform accepted but whose answer it never saw.
    const deadline = Date.now() + 60_000;
    while (recorder.posts.length < KILL_AFTER_POSTS) {
      if (Date.now() > deadline) throw new Error(`only ${recorder.posts.length} posts before the deadline`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const victimId = recorder.posts.at(-1)!.replica;
    const victim = replicas.find((r) => r.id === victimId)!;
    victim.child.kill('SIGKILL');
    const postsAtKill = recorder.posts.length;
    const leasedAtKill = await store.db.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM digest_runs WHERE claimed_by = $1 AND state IN ('claimed', 'posting') GROUP BY state`,
      [victimId],
    );

    const results = await Promise.all(replicas.map((r) => r.done));
    const survivors = replicas.filter((r) => r !== victim);
    for (const r of survivors) {
      const result = results[replicas.indexOf(r)];
      expect(result.code, `${r.id} stderr: ${result.stderr}`).toBe(0);
    }
    expect(results[replicas.indexOf(victim)].signal).toBe('SIGKILL');

    // Exactly one digest per channel for the run, and each carries that run's marker.
    const counts = recorder.countsByChannel();
    expect(counts.size).toBe(CHANNELS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const markers = new Set(recorder.posts.map((p) => p.marker));
    expect(markers.size).toBe(CHANNELS);
    // Each is a real digest of the ingested article, not an empty "nothing new".
    expect(
      recorder.posts.filter((p) => !p.text.includes('U.S.-Mexico security dialogue')).map((p) => p.text.slice(0, 200)),
    ).toEqual([]);

    // The ledger agrees: one posted row per subscription for the slot, with the platform's message id,
    // and every watermark moved to the run's cutoff.
    const ledger = await store.db.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM digest_runs GROUP BY state`,
    );
    expect(ledger.rows).toEqual([{ state: 'posted', n: CHANNELS }]);
    const mismatched = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM digest_runs r JOIN digest_subscriptions s ON s.id = r.subscription_id
       WHERE r.message_id IS NULL OR s.watermark IS DISTINCT FROM r.covers_to`,
    );
    expect(mismatched.rows[0].n).toBe(0);
    const byMessage = new Map(recorder.posts.map((p) => [p.messageId, p.channel]));
    const rows = await store.db.query<{ message_id: string; channel_id: string }>(
      `SELECT r.message_id, s.channel_id FROM digest_runs r JOIN digest_subscriptions s ON s.id = r.subscription_id`,
    );
    expect(rows.rows.every((r) => byMessage.get(r.message_id) === r.channel_id)).toBe(true);

    // The survivors finished the dead replica's rows.
    const reports = survivors.map(
      (r) => JSON.parse(results[replicas.indexOf(r)].stdout.trim().split('\n').at(-1)!) as ReplicaReport,
    );
    const postedBy = Object.fromEntries(
      replicas.map((r) => [r.id, recorder.posts.filter((p) => p.replica === r.id).length]),
    );
    const recovered = reports.flatMap((r) => r.outcomes).filter((o) => o.recovered).length;
    const doubled = [...counts.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const lost = CHANNELS - counts.size;
    const figures = {
      channels: CHANNELS,
      replicas: REPLICAS,
      killed: victimId,
      postsAtKill,
      leasedAtKill: leasedAtKill.rows,
      postedBy,
      recoveredFromHistory: recovered,
      doubled,
      lost,
    };
    console.log(`replica test figures: ${JSON.stringify(figures)}`);
    expect(leasedAtKill.rows.reduce((n, r) => n + r.n, 0)).toBeGreaterThan(0);
  }, 180_000);
});
