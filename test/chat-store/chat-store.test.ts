import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatStore } from '../../src/chat-store/chat-store.js';
import { openChatStore, type ChatStoreOptions } from '../../src/chat-store/open-chat-store.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import { textReply } from '../../src/core/reply.js';
import type { ArticleStore } from '../../src/store/article-store.js';
import { openStore } from '../../src/store/open-store.js';
import { dropSchema, shouldRunPostgres, testSchema, TEST_DATABASE_URL } from '../store/postgres-test-db.js';

const runPg = await shouldRunPostgres('chat-store');
const dirs: string[] = [];
const schemas: string[] = [];

afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const s of schemas) await dropSchema(s);
});

/** Opens an article store (one "process") on the database every call with the same `place` shares. */
type Opener = (place: string) => Promise<ArticleStore>;

const sqlite: Opener = async (place) => openStore({ path: join(place, 'store.db') });
const postgres: Opener = async (place) => openStore({ databaseUrl: TEST_DATABASE_URL, schema: place });

function newPlace(kind: 'sqlite' | 'postgres'): string {
  if (kind === 'sqlite') {
    const d = mkdtempSync(join(tmpdir(), 'briefbot-chat-'));
    dirs.push(d);
    return d;
  }
  const s = testSchema('bb_chat');
  schemas.push(s);
  return s;
}

const backends = [
  ['SQLite', 'sqlite', sqlite],
  ['PostgreSQL', 'postgres', postgres],
] as const;
const channel: ChannelRef = { platform: 'slack', id: 'C1', workspace: 'T1' };

describe.each(backends)('chat state on %s', (name, kind, open) => {
  const skip = kind === 'postgres' && !runPg;
  /** Runs `fn` with a chat store, a clock it can move, and a way to open the same database again (a restart, another replica). */
  const withStore = async (
    fn: (chat: ChatStore, clock: { t: number }, reopen: () => Promise<ChatStore>) => Promise<void>,
    opts: ChatStoreOptions = {},
  ) => {
    const place = newPlace(kind);
    const clock = { t: 1_700_000_000_000 };
    const opened: ArticleStore[] = [];
    const make = async () => {
      const store = await open(place);
      opened.push(store);
      return openChatStore(store, { now: () => clock.t, ...opts });
    };
    try {
      await fn(await make(), clock, make);
    } finally {
      for (const s of opened) await s.close();
    }
  };

  it.skipIf(skip)(
    `keeps a thread's topic for 30 minutes after its last question, across a restart (${name})`,
    async () => {
      await withStore(async (chat, clock, reopen) => {
        await chat.threads.remember(channel, '111.1', 'leads Mexican side; Marcelo Ebrard');
        const again = await reopen();
        clock.t += 29 * 60_000;
        expect(await again.threads.topicOf(channel, '111.1')).toBe('leads Mexican side; Marcelo Ebrard');
        expect(await again.threads.topicOf({ ...channel, id: 'C2' }, '111.1')).toBeUndefined();
        clock.t += 2 * 60_000;
        expect(await again.threads.topicOf(channel, '111.1')).toBeUndefined();
      });
    },
  );

  it.skipIf(skip)(`carries a topic over to a reply, and keeps at most the cap of threads (${name})`, async () => {
    await withStore(
      async (chat, clock) => {
        await chat.threads.remember(channel, 'root', 'extradition');
        await chat.threads.follow(channel, 'root', 'answer-1');
        expect(await chat.threads.topicOf(channel, 'answer-1')).toBe('extradition');
        for (let i = 0; i < 12; i++) {
          clock.t += 1000;
          await chat.threads.remember(channel, `t${i}`, `topic ${i}`);
        }
        // The cap is 10 here: the soonest to expire (root, answer-1, t0, t1) went first.
        expect(await chat.threads.topicOf(channel, 'root')).toBeUndefined();
        expect(await chat.threads.topicOf(channel, 't1')).toBeUndefined();
        expect(await chat.threads.topicOf(channel, 't2')).toBe('topic 2');
        expect(await chat.threads.topicOf(channel, 't11')).toBe('topic 11');
      },
      { limits: { maxThreads: 10 } },
    );
  });

  it.skipIf(skip)(
    `keeps a shareable answer 30 minutes: shared once, released after a failed post, too-large answers not kept (${name})`,
    async () => {
      await withStore(async (chat, clock, reopen) => {
        const reply = textReply('The framework replaces Merida [1].');
        const id = (await chat.shares.put({
          platform: 'slack',
          workspace: 'T1',
          channelId: 'C1',
          userId: 'U1',
          command: 'ask',
          reply,
        }))!;
        const other = await reopen();
        expect(await other.shares.get(id)).toMatchObject({
          userId: 'U1',
          workspace: 'T1',
          command: 'ask',
          reply,
          shared: false,
        });
        expect((await Promise.all([chat.shares.claim(id), other.shares.claim(id)])).sort()).toEqual([false, true]);
        await other.shares.release(id);
        expect(await chat.shares.claim(id)).toBe(true);
        clock.t += 31 * 60_000;
        expect(await other.shares.get(id)).toBeUndefined();
        expect(
          await chat.shares.put({
            platform: 'slack',
            channelId: 'C1',
            userId: 'U1',
            command: 'ask',
            reply: textReply('x'.repeat(300 * 1024)),
          }),
        ).toBeUndefined();
      });
    },
  );

  it.skipIf(skip)(
    `grants each claim to exactly one of many concurrent claimants, across processes (${name})`,
    async () => {
      await withStore(async (chat, _clock, reopen) => {
        const other = await reopen();
        const keys = Array.from({ length: 50 }, (_, i) => `discord:interaction:${i}`);
        const results = await Promise.all(
          keys.flatMap((k) => [chat.claims.claim(k), other.claims.claim(k), chat.claims.claim(k)]),
        );
        for (let i = 0; i < keys.length; i++) expect(results.slice(i * 3, i * 3 + 3).filter(Boolean)).toHaveLength(1);
      });
    },
  );

  it.skipIf(skip)(`stores, replaces, finds and removes a Slack installation row (${name})`, async () => {
    await withStore(async (chat) => {
      await chat.installations.save({
        key: 'T:T1',
        teamId: 'T1',
        installerUserId: 'U1',
        data: '{}',
        secret: 'v1.a.b.c',
      });
      await chat.installations.save({
        key: 'T:T1',
        teamId: 'T1',
        installerUserId: 'U2',
        data: '{"x":1}',
        secret: 'v1.d.e.f',
      });
      expect(await chat.installations.find('T:T1')).toEqual({
        key: 'T:T1',
        teamId: 'T1',
        installerUserId: 'U2',
        data: '{"x":1}',
        secret: 'v1.d.e.f',
      });
      expect(await chat.installations.remove('T:T1')).toBe(true);
      expect(await chat.installations.remove('T:T1')).toBe(false);
      expect(await chat.installations.find('T:T1')).toBeUndefined();
    });
  });
});
