import { ConfigError } from '../config/index.js';
import { isUserError } from '../core/errors.js';
import { EXIT_CONFIG } from '../startup-failure.js';

/**
 * How the command line ends on an error: one clean message on stderr for anything the user can fix
 * (a UserError, a usage error from parseArgs, every problem of a configuration), with a stack trace
 * only for what is a bug. Exit codes: 2 usage or user error, 78 configuration (as at start-up), 1 bug.
 * Never throws itself, whatever was thrown: errors from libraries carry numeric codes too (Discord's
 * API errors have code 50001 and the like).
 */
export function describeCliError(e: unknown): { text: string; exitCode: number } {
  if (e instanceof ConfigError) return { text: `briefbot: ${e.message}\n`, exitCode: EXIT_CONFIG };
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null | undefined)?.code;
  const usage = isUserError(e) || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
  if (usage) return { text: `briefbot: ${message}\n`, exitCode: 2 };
  const stack = e instanceof Error && e.stack ? `${e.stack}\n` : '';
  return { text: `briefbot: ${message}\n${stack}`, exitCode: 1 };
}
