import { UserError } from '../../core/errors.js';

/** The one message users see while the database cannot be reached. */
export function storeUnavailable(): UserError {
  return new UserError('STORE_UNAVAILABLE', 'The article store is unavailable right now; try again shortly.');
}

// SQLSTATE classes and codes that mean "the server is not there or not taking work", as opposed
// to a bug in our SQL: connection exceptions (08), shutdown and crash codes (57P0x), too many
// connections (53300), and a statement cancelled by our own timeout (57014).
const UNAVAILABLE_CODES = new Set(['53300', '57P01', '57P02', '57P03', '57014', '58000', '58030']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'Client was closed',
  'not queryable',
];

/** True when an error from pg means the database is unreachable or stopped answering. */
export function isUnavailableError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') || UNAVAILABLE_CODES.has(code) || NETWORK_CODES.has(code)) return true;
  }
  if (e instanceof AggregateError && e.errors.some(isUnavailableError)) return true;
  return DRIVER_MESSAGES.some((m) => e.message.includes(m));
}
