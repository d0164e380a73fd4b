import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './load-config.js';

/** Variables this process took from a .env file, and from which file: named in configuration errors. */
const fromFile = new Map<string, string>();

/** The .env file a variable came from, if it came from one. */
export function dotEnvOrigin(name: string): string | undefined {
  return fromFile.get(name);
}

/**
 * Loads `.env` from the current folder into the environment, as `docker run --env-file` and
 * `node --env-file` would: a variable set in the environment wins over the file, so
 * `HTTP_PORT=9090 npm start` overrides the file's HTTP_PORT (an empty one counts as not set). Values then go through the
 * same validation as every other setting (a bad one stops the start, naming .env). No file, no
 * change. Returns the names it set.
 */
export function loadDotEnv(opts: { file?: string; env?: NodeJS.ProcessEnv } = {}): string[] {
  const file = resolve(opts.file ?? '.env');
  const env = opts.env ?? process.env;
  if (!existsSync(file)) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    // Empty means "not set" for every setting (load-config.ts), so an empty variable does not hide the file's value.
    if (env[name] !== undefined && env[name] !== '') continue;
    env[name] = value;
    fromFile.set(name, file);
    set.push(name);
  }
  return set;
}
