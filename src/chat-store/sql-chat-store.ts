import { randomUUID } from 'node:crypto';
import type { ChannelRef } from '../core/invocation.js';
import type { Reply } from '../core/reply.js';
import {
  CHAT_LIMITS,
  type ChatLimits,
  type ChatStore,
  type ChatThreads,
  type ClaimStore,
  type InstallationRow,
  type InstallationRows,
  type ShareEntry,
  type ShareStore,
} from './chat-store.js';

/**
 * The few SQL calls the chat tables need, with `?` placeholders: better-sqlite3 and pg each
 * provide one, so both backends run exactly the statements below.
 */
export interface Sql {
  /** Runs a write; resolves to the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

type Limits = ChatLimits;

/** The chat tables over either backend (see chat-store.ts for what each part is for). */
export function sqlChatStore(
  sql: Sql,
  opts: { now?: () => number; limits?: Partial<Limits>; replica?: string } = {},
): ChatStore {
  const now = opts.now ?? Date.now;
  const limits: Limits = { ...CHAT_LIMITS, ...opts.limits };
  return {
    threads: threads(sql, now, limits),
    shares: shares(sql, now, limits),
    claims: claims(sql, now, limits, opts.replica ?? randomUUID()),
    installations: installations(sql, now),
  };
}

/** Drops expired rows, then the soonest-expiring ones past `max`. */
async function bound(sql: Sql, table: string, key: string, max: number, at: number): Promise<void> {
  await sql.run(`DELETE FROM ${table} WHERE expires_at <= ?`, [at]);
  const [{ n }] = await sql.all<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`);
  const over = Number(n) - max;
  if (over > 0)
    await sql.run(`DELETE FROM ${table} WHERE (${key}) IN (SELECT ${key} FROM ${table} ORDER BY expires_at LIMIT ?)`, [
      over,
    ]);
}

function threads(sql: Sql, now: () => number, limits: Limits): ChatThreads {
  const KEY = 'platform, channel_id, thread';
  return {
    async topicOf(channel: ChannelRef, thread: string) {
      const rows = await sql.all<{ topic: string }>(
        'SELECT topic FROM chat_threads WHERE platform = ? AND channel_id = ? AND thread = ? AND expires_at > ?',
        [channel.platform, channel.id, thread, now()],
      );
      return rows[0]?.topic;
    },
    async remember(channel: ChannelRef, thread: string, topic: string) {
      const at = now();
      await sql.run(
        `INSERT INTO chat_threads (platform, channel_id, thread, topic, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel_id, thread) DO UPDATE SET topic = excluded.topic, expires_at = excluded.expires_at`,
        [channel.platform, channel.id, thread, topic, at + limits.threadTtlMs],
      );
      await bound(sql, 'chat_threads', KEY, limits.maxThreads, at);
    },
    async follow(channel: ChannelRef, fromThread: string, toThread: string) {
      await sql.run(
        `INSERT INTO chat_threads (platform, channel_id, thread, topic, expires_at)
         SELECT platform, channel_id, ?, topic, expires_at FROM chat_threads WHERE platform = ? AND channel_id = ? AND thread = ? AND expires_at > ?
         ON CONFLICT (platform, channel_id, thread) DO UPDATE SET topic = excluded.topic, expires_at = excluded.expires_at`,
        [toThread, channel.platform, channel.id, fromThread, now()],
      );
    },
  };
}

interface ShareRow {
  id: string;
  platform: ShareEntry['platform'];
  workspace: string | null;
  channel_id: string;
  user_id: string;
  command: string;
  reply: string;
  shared: number;
}

function shares(sql: Sql, now: () => number, limits: Limits): ShareStore {
  return {
    async put(entry) {
      const json = JSON.stringify(entry.reply);
      if (Buffer.byteLength(json) > limits.maxShareBytes) return undefined;
      const id = randomUUID();
      const at = now();
      await sql.run(
        'INSERT INTO chat_shares (id, platform, workspace, channel_id, user_id, command, reply, shared, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)',
        [
          id,
          entry.platform,
          entry.workspace ?? null,
          entry.channelId,
          entry.userId,
          entry.command,
          json,
          at + limits.shareTtlMs,
        ],
      );
      await bound(sql, 'chat_shares', 'id', limits.maxShares, at);
      return id;
    },
    async get(id) {
      const [r] = await sql.all<ShareRow>('SELECT * FROM chat_shares WHERE id = ? AND expires_at > ?', [id, now()]);
      if (!r) return undefined;
      return {
        id: r.id,
        platform: r.platform,
        workspace: r.workspace ?? undefined,
        channelId: r.channel_id,
        userId: r.user_id,
        command: r.command,
        reply: JSON.parse(r.reply) as Reply,
        shared: Number(r.shared) === 1,
      };
    },
    async claim(id) {
      return (
        (await sql.run('UPDATE chat_shares SET shared = 1 WHERE id = ? AND shared = 0 AND expires_at > ?', [
          id,
          now(),
        ])) === 1
      );
    },
    async release(id) {
      await sql.run('UPDATE chat_shares SET shared = 0 WHERE id = ?', [id]);
    },
  };
}

function claims(sql: Sql, now: () => number, limits: Limits, replica: string): ClaimStore {
  let count = 0;
  return {
    async claim(key) {
      const at = now();
      if (++count % limits.claimSweepEvery === 0) await sql.run('DELETE FROM chat_claims WHERE expires_at <= ?', [at]);
      // The primary key decides: of all replicas inserting the same key, exactly one changes a row.
      return (
        (await sql.run(
          'INSERT INTO chat_claims (key, claimed_by, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
          [key, replica, at + limits.claimTtlMs],
        )) === 1
      );
    },
  };
}

interface InstallationDbRow {
  key: string;
  team_id: string | null;
  enterprise_id: string | null;
  installer_user_id: string | null;
  data: string;
  secret: string;
}

function installations(sql: Sql, now: () => number): InstallationRows {
  return {
    async save(row: InstallationRow) {
      await sql.run(
        `INSERT INTO slack_installations (key, team_id, enterprise_id, installer_user_id, data, secret, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
           installer_user_id = excluded.installer_user_id, data = excluded.data, secret = excluded.secret, updated_at = excluded.updated_at`,
        [
          row.key,
          row.teamId ?? null,
          row.enterpriseId ?? null,
          row.installerUserId ?? null,
          row.data,
          row.secret,
          now(),
        ],
      );
    },
    async find(key) {
      const [r] = await sql.all<InstallationDbRow>('SELECT * FROM slack_installations WHERE key = ?', [key]);
      if (!r) return undefined;
      return {
        key: r.key,
        teamId: r.team_id ?? undefined,
        enterpriseId: r.enterprise_id ?? undefined,
        installerUserId: r.installer_user_id ?? undefined,
        data: r.data,
        secret: r.secret,
      };
    },
    async remove(key) {
      return (await sql.run('DELETE FROM slack_installations WHERE key = ?', [key])) > 0;
    },
  };
}
