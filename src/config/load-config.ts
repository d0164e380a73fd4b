import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { dotEnvOrigin } from './dotenv.js';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.js';
import { CONFIG_FILE_ENV, SETTINGS, settingByPath } from './settings.js';

/** A configuration that cannot start the bot: one line per problem, each naming setting, origin and expectation. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** YAML file; default BRIEFBOT_CONFIG or config/default.yaml. `null` skips the file. */
  file?: string | null;
  /** Highest precedence, keyed by dotted path ("store.path"), e.g. from CLI flags. */
  argvOverrides?: Record<string, unknown>;
}

type Origin = { kind: 'file'; file: string } | { kind: 'env'; name: string } | { kind: 'argv' };

/** Where each value came from, so a bad one can be reported by the name the operator used. */
type Origins = Map<string, { origin: Origin; raw: unknown }>;

const DEFAULT_FILE = 'config/default.yaml';

export function loadConfig(opts: LoadConfigOptions = {}): Config {
  const env = opts.env ?? process.env;
  const origins: Origins = new Map();
  const problems: string[] = [];
  const merged: Record<string, unknown> = {};

  const explicit = opts.file !== undefined ? opts.file : env[CONFIG_FILE_ENV] || undefined;
  const file = explicit === null ? undefined : (explicit ?? DEFAULT_FILE);
  if (file) {
    if (existsSync(file)) readFile(file, merged, origins, problems);
    // Only a file the operator named must exist; without config/ the schema defaults apply.
    else if (explicit)
      problems.push(`${file}: config file not found${opts.file === undefined ? ` (named by ${CONFIG_FILE_ENV})` : ''}`);
  }

  for (const s of SETTINGS) {
    const raw = env[s.env];
    // An empty variable (KEY= in an .env file) means "not set", as it does for most tools.
    if (raw === undefined || raw.trim() === '') continue;
    setPath(merged, s.path, raw);
    origins.set(s.path, { origin: { kind: 'env', name: s.env }, raw });
  }
  for (const [path, raw] of Object.entries(opts.argvOverrides ?? {})) {
    if (raw === undefined) continue;
    setPath(merged, path, raw);
    origins.set(path, { origin: { kind: 'argv' }, raw });
  }

  const result = configSchema.safeParse(merged);
  if (!result.success) problems.push(...result.error.issues.flatMap((i) => describeIssue(i, origins, file)));
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data!;
}

function readFile(file: string, merged: Record<string, unknown>, origins: Origins, problems: string[]): void {
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length > 0) {
    problems.push(...doc.errors.map((e) => `${file}: not valid YAML: ${e.message.split('\n')[0]}`));
    return;
  }
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return;
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push(`${file}: expected a mapping of settings (store:, slack:, …) at the top level`);
    return;
  }
  walk(data as Record<string, unknown>, '', (path, value) => {
    // A key left empty in the file (botToken:) means "not set".
    if (value === null) return;
    setPath(merged, path, value);
    origins.set(path, { origin: { kind: 'file', file }, raw: value });
  });
}

/** Visits leaves; lists count as leaves (admins). */
function walk(obj: Record<string, unknown>, prefix: string, visit: (path: string, value: unknown) => void): void {
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, path, visit);
    else visit(path, v);
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (node[k] === null || typeof node[k] !== 'object' || Array.isArray(node[k])) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function describeIssue(issue: z.core.$ZodIssue, origins: Origins, file: string | undefined): string[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => {
      const full = path ? `${path}.${k}` : k;
      return `${full} (${file ?? 'command line'}): unknown setting; the settings are listed in ${DEFAULT_FILE}`;
    });
  }
  return [`${where(path, origins)}: ${issue.message}`];
}

/** "HTTP_PORT=abc (environment)", "http.port: abc (config/default.yaml)", or "SLACK_APP_TOKEN (not set)". */
function where(path: string, origins: Origins): string {
  const info = settingByPath(path);
  const seen = origins.get(path);
  if (!seen) return info ? `${info.env} (not set; setting ${path})` : path;
  const shown = show(path, seen.raw, info?.secret ?? false);
  switch (seen.origin.kind) {
    case 'env': {
      const file = dotEnvOrigin(seen.origin.name);
      return `${seen.origin.name}=${shown} (${file ? basename(file) : 'environment'})`;
    }
    case 'file':
      return `${path}: ${shown} (${seen.origin.file})`;
    case 'argv':
      return `${path}=${shown} (command line)`;
  }
}

function show(path: string, raw: unknown, secret: boolean): string {
  if (secret) return path === 'store.databaseUrl' ? JSON.stringify(maskUrlPassword(String(raw))) : '[redacted]';
  const s = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Keeps a database URL recognisable in messages without its password. */
export function maskUrlPassword(url: string): string {
  // By position rather than URL parsing, because it must also work on URLs too broken to parse.
  const at = url.lastIndexOf('@');
  if (at < 0) return url;
  const slashes = url.indexOf('//');
  const start = slashes >= 0 && slashes < at ? slashes + 2 : 0;
  const colon = url.slice(start, at).indexOf(':');
  return colon < 0 ? url : `${url.slice(0, start + colon + 1)}***${url.slice(at)}`;
}
