import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../../src/app/open-app.js';
import type { CommandDef } from '../../src/core/command.js';
import { boomCommand } from './boom-command.js';

export const FIXTURE_ARTICLES = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
/** The shipped article, as a new user's store holds it. */
export const SHIPPED_ARTICLES = fileURLToPath(new URL('../../articles/', import.meta.url));

export interface TestBot extends App {
  dir: string;
}

/**
 * A real bot on a real temporary SQLite store holding the shipped article, built by the same
 * composition code as production. It also carries /boom, a command that always fails, so suites
 * can prove one failing command never stops a door.
 */
export async function makeTestBot(
  opts: { extraCommands?: CommandDef<any>[]; env?: Record<string, string>; articles?: string[] } = {},
): Promise<TestBot> {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-test-'));
  const app = await openApp({
    role: 'test',
    storePath: join(dir, 'store.db'),
    env: { LOG_LEVEL: 'silent', BRIEFBOT_ADMINS: 'U-ADMIN', ...opts.env },
    extraCommands: [boomCommand, ...(opts.extraCommands ?? [])],
  });
  await app.ingest(opts.articles ?? [SHIPPED_ARTICLES]);
  return {
    ...app,
    dir,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
