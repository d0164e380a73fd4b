import type { Logger } from 'pino';
import { ConfigError } from './config/index.js';
import { isUserError } from './core/errors.js';

/** sysexits' EX_CONFIG: the operator must change configuration; restarting will not help. */
export const EXIT_CONFIG = 78;

/**
 * How the composition root ends a start that cannot succeed: the operator gets every config problem
 * or the one clear reason (a port in use, a read-only store) on stderr and in the log, without a
 * stack trace for expected failures, and the process exits non-zero.
 */
export function reportStartupFailure(
  e: unknown,
  opts: { logger?: Logger; exit?: (code: number) => void; stderr?: (text: string) => void } = {},
): number {
  const write = opts.stderr ?? ((t: string) => process.stderr.write(t));
  let code: number;
  if (e instanceof ConfigError) {
    write(`briefbot cannot start: ${e.message}\n`);
    opts.logger?.fatal({ problems: e.problems }, 'invalid configuration');
    code = EXIT_CONFIG;
  } else if (isUserError(e)) {
    write(`briefbot cannot start: ${e.message} [${e.code}]\n`);
    opts.logger?.fatal({ code: e.code, reason: e.message }, 'cannot start');
    code = EXIT_CONFIG;
  } else {
    write(`briefbot cannot start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    opts.logger?.fatal({ err: e }, 'cannot start');
    code = 1;
  }
  (opts.exit ?? ((c: number) => process.exit(c)))(code);
  return code;
}
