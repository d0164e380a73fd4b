import { UserError } from '../../core/errors.js';

/** SQLite failures a user can act on, by result-code prefix, as UserError codes and advice. */
const known: { prefix: string; code: string; advice: string }[] = [
  {
    prefix: 'SQLITE_NOTADB',
    code: 'STORE_NOT_DATABASE',
    advice: 'is not a SQLite database; choose another --store path',
  },
  { prefix: 'SQLITE_BUSY', code: 'STORE_LOCKED', advice: 'is locked by another program; try again when it is done' },
  {
    prefix: 'SQLITE_LOCKED',
    code: 'STORE_LOCKED',
    advice: 'is locked by another connection; try again when it is done',
  },
  { prefix: 'SQLITE_READONLY', code: 'STORE_READONLY', advice: 'is read-only; nothing can be written to it' },
  {
    prefix: 'SQLITE_CANTOPEN',
    code: 'STORE_CANTOPEN',
    advice: 'cannot be opened (is the path a folder, or its folder missing?)',
  },
  {
    prefix: 'SQLITE_CORRUPT',
    code: 'STORE_CORRUPT',
    advice: 'is damaged; restore it from a backup or ingest again into a new file',
  },
  { prefix: 'SQLITE_FULL', code: 'STORE_FULL', advice: 'cannot grow: the disk is full' },
  { prefix: 'SQLITE_PERM', code: 'STORE_READONLY', advice: 'cannot be written: permission denied' },
  { prefix: 'SQLITE_AUTH', code: 'STORE_READONLY', advice: 'cannot be written: permission denied' },
];

/**
 * Maps a SQLite error to a UserError that names the store path, so the user sees one clear line
 * instead of a stack trace. Anything else (a bug) is returned unchanged.
 */
export function toStoreError(error: unknown, path: string): unknown {
  if (error instanceof UserError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  const match = known.find((k) => code.startsWith(k.prefix));
  if (!match) return error;
  return new UserError(match.code, `The store ${path} ${match.advice}.`);
}

/** Runs fn, turning SQLite errors a user can act on into UserErrors naming the path. */
export function guarded<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toStoreError(error, path);
  }
}
