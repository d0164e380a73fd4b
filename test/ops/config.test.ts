import { parseEnv } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ConfigError,
  SETTINGS,
  discordEnabled,
  llmEnabled,
  loadConfig,
  redactedConfig,
  slackEnabled,
} from '../../src/config/index.js';

const FILE = 'config/default.yaml';
/** Shaped like a real bot token (three dot-separated parts), which the schema requires. */
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwx';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

function tempYaml(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'briefbot-config-')), 'config.yaml');
  writeFileSync(file, text);
  return file;
}

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), obj);
}

describe('loadConfig', () => {
  it('gives the documented defaults from config/default.yaml with an empty environment', () => {
    const c = loadConfig({ env: {}, file: FILE });
    expect(c.store).toEqual({ path: 'data/briefbot.db', articlesDir: 'articles', watch: true });
    expect(c.http).toEqual({ port: 8080, host: '0.0.0.0' });
    expect(c.llm).toMatchObject({
      model: 'gpt-4o-mini',
      timeoutMs: 20000,
      maxRetries: 2,
      maxOutputTokens: 800,
      monthlyTokenBudget: 2_000_000,
      cacheTtlMs: 300_000,
    });
    expect(c.digest).toEqual({
      graceHours: 6,
      minIntervalMinutes: 15,
      maxAttempts: 5,
      backoffBaseMs: 2000,
      backoffCapMs: 300_000,
      leaseMs: 60_000,
    });
    expect(c.shutdown.deadlineMs).toBe(10_000);
    expect(c.slack.port).toBe(3000);
    expect(c.admins).toEqual([]);
    expect(slackEnabled(c) || discordEnabled(c) || llmEnabled(c)).toBe(false);
  });

  it('agrees with the schema defaults, so the file and the code cannot drift apart', () => {
    expect(loadConfig({ env: {}, file: FILE })).toEqual(loadConfig({ env: {}, file: null }));
  });

  it('lists every setting in default.yaml and every variable in .env.example', () => {
    const yaml = parse(readFileSync(FILE, 'utf8'));
    const example = readFileSync('config/.env.example', 'utf8');
    for (const s of SETTINGS) {
      expect(Object.keys(get(yaml, s.path.split('.').slice(0, -1).join('.')) ?? yaml), s.path).toContain(
        s.path.split('.').pop(),
      );
      // Settings the Docker image sets itself are listed commented out (see the file's header).
      expect(example, s.env).toMatch(new RegExp(`^(# )?${s.env}=`, 'm'));
      expect(readFileSync(FILE, 'utf8'), `${s.env} named in a comment`).toContain(s.env);
    }
  });

  it("has an .env.example that keeps the Docker image's own settings (docker run --env-file .env)", () => {
    // The runtime stage's ENV lines: what the image sets before --env-file overrides it.
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    const imageEnv = parseEnv(
      runtime
        .slice(runtime.indexOf('ENV '), runtime.indexOf('WORKDIR'))
        .replace(/^ENV\s+/, '')
        .replace(/\\\n\s*/g, '\n'),
    );
    expect(imageEnv.BRIEFBOT_STORE).toBe('/data/briefbot.db');
    const example = parseEnv(readFileSync('config/.env.example', 'utf8'));
    for (const name of Object.keys(imageEnv))
      expect(example, `.env.example overrides the image's ${name}`).not.toHaveProperty(name);
    // As the container sees it: the image's variables, then the file's.
    expect(loadConfig({ env: { ...imageEnv, ...example }, file: FILE }).store.path).toBe('/data/briefbot.db');
  });

  it('lets environment variables override the file, with types coerced', () => {
    const c = loadConfig({
      file: FILE,
      env: {
        HTTP_PORT: '9090',
        BRIEFBOT_WATCH: 'false',
        BRIEFBOT_ADMINS: 'U1, U2 ,',
        DIGEST_GRACE_HOURS: '1.5',
        LOG_LEVEL: 'debug',
        DATABASE_URL: 'postgres://bot:pw@127.0.0.1:5432/test',
      },
    });
    expect(c.http.port).toBe(9090);
    expect(c.store.watch).toBe(false);
    expect(c.admins).toEqual(['U1', 'U2']);
    expect(c.digest.graceHours).toBe(1.5);
    expect(c.log.level).toBe('debug');
    expect(c.store.databaseUrl).toBe('postgres://bot:pw@127.0.0.1:5432/test');
  });

  it('treats an empty variable as not set', () => {
    expect(loadConfig({ file: FILE, env: { HTTP_PORT: '', SLACK_BOT_TOKEN: '  ' } }).http.port).toBe(8080);
  });

  it('lets command-line overrides win over the environment', () => {
    expect(
      loadConfig({ file: FILE, env: { BRIEFBOT_STORE: 'a.db' }, argvOverrides: { 'store.path': 'b.db' } }).store.path,
    ).toBe('b.db');
  });

  it('reports a bad environment value by variable name, origin and expectation', () => {
    expect(problemsOf(() => loadConfig({ file: FILE, env: { HTTP_PORT: 'abc' } }))).toEqual([
      'HTTP_PORT=abc (environment): expected a port number 1-65535 (or 0 for any free port)',
    ]);
  });

  it('reports every problem at once, one message each', () => {
    const problems = problemsOf(() =>
      loadConfig({
        file: FILE,
        env: {
          HTTP_PORT: '70000',
          LLM_TIMEOUT_MS: '-5',
          LOG_LEVEL: 'loud',
          BRIEFBOT_WATCH: 'maybe',
          OPENAI_BASE_URL: 'localhost:11434',
        },
      }),
    );
    expect(problems).toHaveLength(5);
    expect(problems).toContain('LLM_TIMEOUT_MS=-5 (environment): expected milliseconds between 100 and 600000');
    expect(problems).toContain(
      'LOG_LEVEL=loud (environment): expected one of fatal, error, warn, info, debug, trace, silent',
    );
    expect(problems).toContain('BRIEFBOT_WATCH=maybe (environment): expected true or false');
    expect(problems.find((p) => p.startsWith('OPENAI_BASE_URL=localhost:11434 (environment)'))).toMatch(
      /expected an http\(s\) URL/,
    );
  });

  it('reports a bad file value by its path in the file', () => {
    const file = tempYaml('http:\n  port: eighty\ndigest:\n  maxAttempts: 0\n');
    expect(problemsOf(() => loadConfig({ file, env: {} })).sort()).toEqual([
      `digest.maxAttempts: 0 (${file}): expected a whole number of attempts 1-100`,
      `http.port: eighty (${file}): expected a port number 1-65535 (or 0 for any free port)`,
    ]);
  });

  it('rejects a misspelt setting in the file instead of ignoring it', () => {
    const file = tempYaml('http:\n  prot: 80\n');
    expect(problemsOf(() => loadConfig({ file, env: {} }))).toEqual([
      `http.prot (${file}): unknown setting; the settings are listed in config/default.yaml`,
    ]);
  });

  it('reports a file that is not YAML, and a named file that is missing', () => {
    expect(problemsOf(() => loadConfig({ file: tempYaml('http: [unclosed\n'), env: {} }))[0]).toMatch(/not valid YAML/);
    expect(problemsOf(() => loadConfig({ env: { BRIEFBOT_CONFIG: '/nonexistent/briefbot.yaml' } }))).toEqual([
      '/nonexistent/briefbot.yaml: config file not found (named by BRIEFBOT_CONFIG)',
    ]);
  });

  it('rejects a malformed DATABASE_URL without echoing its password', () => {
    for (const url of ['mysql://bot:hunter2@db/x', 'postgres//bot:hunter2@db/x', 'postgres://:hunter2@/x']) {
      const [problem] = problemsOf(() => loadConfig({ file: FILE, env: { DATABASE_URL: url } }));
      expect(problem).toMatch(
        /^DATABASE_URL=.* \(environment\): expected a postgres:\/\/user:password@host:5432\/database URL/,
      );
      expect(problem).not.toContain('hunter2');
    }
  });

  it('names the missing partner of a partial Slack or Discord configuration', () => {
    expect(problemsOf(() => loadConfig({ file: FILE, env: { SLACK_BOT_TOKEN: 'xoxb-1' } }))).toEqual([
      'SLACK_APP_TOKEN (not set; setting slack.appToken): missing: with SLACK_BOT_TOKEN set, Slack also needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    ]);
    expect(problemsOf(() => loadConfig({ file: FILE, env: { SLACK_APP_TOKEN: 'xapp-1' } }))[0]).toMatch(
      /^SLACK_BOT_TOKEN \(not set.*missing/,
    );
    expect(problemsOf(() => loadConfig({ file: FILE, env: { DISCORD_TOKEN } }))[0]).toMatch(
      /^DISCORD_APP_ID \(not set.*DISCORD_TOKEN is set/,
    );
    expect(problemsOf(() => loadConfig({ file: FILE, env: { DISCORD_APP_ID: '123456789012345678' } }))[0]).toMatch(
      /^DISCORD_TOKEN \(not set/,
    );
  });

  it('never shows a secret value in a message', () => {
    const problems = problemsOf(() =>
      loadConfig({ file: FILE, env: { SLACK_BOT_TOKEN: 'not-a-bot-token-s3cret', SLACK_SIGNING_SECRET: 'x' } }),
    );
    expect(problems).toEqual([
      'SLACK_BOT_TOKEN=[redacted] (environment): expected a Slack bot token starting with xoxb-',
    ]);
  });

  it('enables each platform and the LLM only with complete settings', () => {
    const c = loadConfig({
      file: FILE,
      env: {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 's',
        DISCORD_TOKEN,
        DISCORD_APP_ID: '123456789012345678',
        OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1/',
      },
    });
    expect([slackEnabled(c), discordEnabled(c), llmEnabled(c)]).toEqual([true, true, true]);
  });

  it('rejects a backoff cap below the base', () => {
    expect(
      problemsOf(() =>
        loadConfig({ file: FILE, env: { DIGEST_BACKOFF_BASE_MS: '5000', DIGEST_BACKOFF_CAP_MS: '1000' } }),
      ),
    ).toEqual([
      'DIGEST_BACKOFF_CAP_MS=1000 (environment): expected a cap at least as large as digest.backoffBaseMs (5000)',
    ]);
  });

  it('gives a loggable copy with secrets hidden and the database password masked', () => {
    const c = loadConfig({
      file: FILE,
      env: {
        SLACK_BOT_TOKEN: 'xoxb-secret-1',
        SLACK_APP_TOKEN: 'xapp-secret-2',
        DATABASE_URL: 'postgres://bot:hunter2@db:5432/x',
      },
    });
    const text = JSON.stringify(redactedConfig(c));
    expect(text).not.toMatch(/secret-1|secret-2|hunter2/);
    expect(text).toContain('postgres://bot:***@db:5432/x');
  });
});
