import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../core/errors.js';
import { GLOBAL_FLAGS } from './chat-args.js';

/** A `briefbot` subcommand that is not a chat command; returns the exit code. */
export type Tool = (args: string[]) => Promise<number>;

const lazy =
  (load: () => Promise<{ default: Tool }>): Tool =>
  async (args) =>
    (await load()).default(args);

/** Tools load their modules on demand, so `briefbot ask` never pays for Slack or Discord code. */
export const TOOLS: Record<string, Tool> = {
  ingest: lazy(() => import('./tool-ingest.js')),
  remove: lazy(() => import('./tool-remove.js')),
  summarize: lazy(() => import('./tool-summarize.js')),
  'slack-manifest': lazy(() => import('./tool-slack-manifest.js')),
  'discord-register': lazy(() => import('./tool-discord-register.js')),
  'migrate-store': lazy(() => import('./tool-migrate-store.js')),
  'digest-run': lazy(() => import('./tool-digest-run.js')),
};

/** parseArgs with the global flags, strict, for tools. */
export function toolArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  args: string[],
  options: T,
) {
  return parseArgs({ args, options: { ...GLOBAL_FLAGS, ...options }, allowPositionals: true, strict: true });
}

/** Reads FILE, or standard input for "-" or no file. */
export function readInput(file: string | undefined): string {
  try {
    return readFileSync(!file || file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UserError('UNREADABLE_INPUT', `Cannot read ${file ?? 'standard input'}: ${(e as Error).message}`);
  }
}
