import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/open-app.js';
import { replyToPlainText } from '../../src/core/reply.js';

const ARTICLE = fileURLToPath(new URL('../fixtures/injection/porthaven.txt', import.meta.url));

describe('/sources and articles carrying text addressed to AI models', () => {
  let app: App;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefbot-sources-'));
    app = await openApp({ role: 'test', storePath: join(dir, 'store.db'), env: {} });
    await app.ingest([ARTICLE]);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('flags the article for operators, with how many sentences were kept out', async () => {
    const reply = await app.bot.dispatch({
      platform: 'cli',
      command: 'sources',
      options: {},
      user: { id: 'op', isAdmin: true },
      channel: { platform: 'console', id: 'console' },
    });
    const text = replyToPlainText(reply);
    expect(text).toContain('Flagged: text addressed to AI models');
    expect(text).toMatch(/1 article holds sentences that address an AI model/);
    expect(text).toMatch(/• Porthaven confirms its president \([^)]+\): 1 sentence/);
  });
});
