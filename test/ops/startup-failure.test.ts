import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { UserError } from '../../src/core/errors.js';
import { EXIT_CONFIG, reportStartupFailure } from '../../src/startup-failure.js';

function report(e: unknown) {
  let text = '';
  const codes: number[] = [];
  reportStartupFailure(e, { stderr: (t) => (text += t), exit: (c) => codes.push(c) });
  return { text, code: codes[0] };
}

function configError(): unknown {
  try {
    loadConfig({ file: 'config/default.yaml', env: { HTTP_PORT: 'abc', DISCORD_TOKEN: 't' } });
  } catch (e) {
    return e;
  }
  throw new Error('expected the config to be rejected');
}

describe('reportStartupFailure', () => {
  it('prints every configuration problem and exits with EX_CONFIG', () => {
    const { text, code } = report(configError());
    expect(code).toBe(EXIT_CONFIG);
    expect(text).toContain('HTTP_PORT=abc (environment): expected a port number');
    expect(text).toContain('DISCORD_APP_ID (not set');
    expect(text).not.toMatch(/^\s+at /m);
  });

  it('prints an expected failure as one line with its code, without a stack trace', () => {
    const { text, code } = report(
      new UserError('STORE_READONLY', 'The store /data/briefbot.db is read-only; nothing can be written to it.'),
    );
    expect(code).toBe(EXIT_CONFIG);
    expect(text).toBe(
      'briefbot cannot start: The store /data/briefbot.db is read-only; nothing can be written to it. [STORE_READONLY]\n',
    );
  });

  it('keeps the stack trace for a bug, and exits 1', () => {
    const { text, code } = report(new TypeError('x is undefined'));
    expect(code).toBe(1);
    expect(text).toMatch(/TypeError: x is undefined\n\s+at /);
  });
});
