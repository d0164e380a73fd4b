import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeCliError } from '../../src/cli/cli-error.js';
import { loadDotEnv } from '../../src/config/dotenv.js';
import { ConfigError } from '../../src/config/index.js';
import { UserError } from '../../src/core/errors.js';

describe('describeCliError', () => {
  it('handles an error whose code is a number (Discord API errors) as an unexpected one, without throwing', () => {
    const e = Object.assign(new Error('Missing Access'), { code: 50001 });
    const d = describeCliError(e);
    expect(d.exitCode).toBe(1);
    expect(d.text).toMatch(/^briefbot: Missing Access\nError: Missing Access\n\s+at /);
  });

  it('prints a user error or a usage error in one line, exit 2', () => {
    expect(describeCliError(new UserError('BAD', 'Nope.'))).toEqual({ text: 'briefbot: Nope.\n', exitCode: 2 });
    expect(
      describeCliError(Object.assign(new TypeError("Unknown option '--x'"), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' })),
    ).toEqual({ text: "briefbot: Unknown option '--x'\n", exitCode: 2 });
  });

  it('prints every configuration problem and no stack, exit 78 as at start-up', () => {
    expect(describeCliError(new ConfigError(['HTTP_PORT=abc (environment): expected a port']))).toEqual({
      text: 'briefbot: Invalid configuration (1 problem):\n  - HTTP_PORT=abc (environment): expected a port\n',
      exitCode: 78,
    });
  });

  it('survives values that are not errors at all', () => {
    expect(describeCliError(undefined)).toEqual({ text: 'briefbot: undefined\n', exitCode: 1 });
    expect(describeCliError({ code: null })).toEqual({ text: 'briefbot: [object Object]\n', exitCode: 1 });
  });
});

describe('loadDotEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-dotenv-'));
  const file = join(dir, '.env');

  it('sets what the environment does not have; a set variable wins, an empty one counts as not set', () => {
    writeFileSync(file, 'A=from-file\nB=from-file\nC=from-file\n# a comment\nD="quoted value"\n');
    const env: NodeJS.ProcessEnv = { A: 'real', B: '' };
    expect(loadDotEnv({ file, env }).sort()).toEqual(['B', 'C', 'D']);
    expect(env).toEqual({ A: 'real', B: 'from-file', C: 'from-file', D: 'quoted value' });
  });

  it('does nothing without a file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv({ file: join(dir, 'none'), env })).toEqual([]);
    expect(env).toEqual({});
  });
});
