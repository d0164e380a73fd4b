import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/open-app.js';
import { loadConfig } from '../../src/config/index.js';

describe('openApp and the configuration', () => {
  const dirs: string[] = [];
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('uses the configuration it is given instead of loading the environment a second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-config-once-'));
    dirs.push(dir);
    const config = loadConfig({ env: { BRIEFBOT_STORE: join(dir, 'given.db'), LOG_LEVEL: 'silent' }, file: null });
    // An environment that would not even load: openApp must not read it when main.ts passed the config down.
    const env = { HTTP_PORT: 'not-a-port', BRIEFBOT_STORE: join(dir, 'from-env.db') };
    app = await openApp({ role: 'test', config, env });
    expect(app.config).toBe(config);
    expect(app.store.location).toContain('given.db');
  });

  it('still loads and validates the environment when no configuration is passed', async () => {
    await expect(openApp({ role: 'test', env: { HTTP_PORT: 'not-a-port' } })).rejects.toThrow(/HTTP_PORT/);
  });
});
