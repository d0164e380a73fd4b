import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { TokenCipher } from '../../src/adapters/slack/oauth/token-cipher.js';
import { silentLogger } from '../../src/log.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import { postEvent, postSigned, slashCommandBody } from '../fakes/slack-signing.js';
import { FakeSlackWebApi, type FakeOAuthApp } from '../fakes/slack-web-api.js';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { visibleText } from './slack-harness.js';
import { eventEnvelope, mentionEvent, slashPayload, until } from './slack-payloads.js';

const SECRET = 'oauth-signing-secret';

/** Polls an async condition; a generous deadline, not a timing assertion. */
async function eventually(ok: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
const TOKEN_KEY = randomBytes(32).toString('base64');

interface Row {
  key: string;
  team_id: string;
  installer_user_id: string;
  data: string;
  secret: string;
}

/**
 * Several workspaces: Bolt's real OAuth installer against the fake's oauth.v2.access, installations
 * sealed in the real SQLite store, events and commands from each workspace answered with its own token.
 */
describe('Slack across several workspaces (OAuth installer)', () => {
  let tb: TestBot;
  let web: FakeSlackWebApi;
  let urls: FakeResponseUrls;
  let adapter: SlackAdapter;
  let base: string;
  const oauthApp: FakeOAuthApp = {
    clientId: '1111.2222',
    clientSecret: 'client-secret',
    codes: new Map([
      ['code-T2', { team: { id: 'T2', name: 'Two' }, installer: 'U2INSTALL' }],
      ['code-T3', { team: { id: 'T3', name: 'Three' }, installer: 'U3INSTALL' }],
      ['code-T4', { team: { id: 'T4', name: 'Four' }, installer: 'U4INSTALL', rotate: true }],
      ['code-T5', { team: { id: 'T5', name: 'Five' }, installer: 'U5INSTALL' }],
    ]),
    // Inside Bolt's two-hour refresh window from the start, so the first use rotates the token.
    expiresIn: 60,
  };
  const rows = () =>
    (tb.store as unknown as { db: import('better-sqlite3').Database }).db
      .prepare('SELECT * FROM slack_installations ORDER BY key')
      .all() as Row[];

  beforeAll(async () => {
    tb = await makeTestBot();
    web = await FakeSlackWebApi.start();
    web.oauthApp = oauthApp;
    urls = await FakeResponseUrls.start();
    adapter = createSlackAdapter({
      oauth: {
        clientId: oauthApp.clientId,
        clientSecret: oauthApp.clientSecret,
        stateSecret: 'a-state-secret-long-enough',
        tokenKey: TOKEN_KEY,
      },
      signingSecret: SECRET,
      apiUrl: web.url,
      port: 0,
      host: '127.0.0.1',
      admins: ['U0ADMIN'],
      logger: silentLogger(),
      chat: tb.chat,
      onWorkspaceRemoved: (w) => tb.digests.forgetWorkspace('slack', w),
    });
    await adapter.start(tb.bot);
    base = `http://127.0.0.1:${adapter.port}`;
  }, 60_000);
  afterAll(async () => {
    await adapter?.stop();
    await urls?.close();
    await web?.close();
    await tb?.close();
  });

  /** A browser going through /slack/install and back to /slack/oauth_redirect with Slack's code. */
  async function install(code: string, opts: { state?: string } = {}): Promise<Response> {
    const page = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const cookie = page.headers.get('set-cookie')!.split(';')[0];
    const state = cookie.split('=')[1];
    expect(await page.text()).toContain(`client_id=${oauthApp.clientId}`);
    return fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(opts.state ?? state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
  }

  const slash = (team: string, user: string, command: string, text: string) => {
    const ru = urls.issue();
    return postSigned(
      `${base}/slack/events`,
      slashCommandBody({
        ...slashPayload(command, text, { user, channel: `C${team}`, responseUrl: ru.url }),
        team_id: team,
      }),
      { secret: SECRET },
    );
  };

  it('installs into a workspace: the code is exchanged, the installation stored with its bot token sealed', async () => {
    const res = await install('code-T2');
    expect(res.status).toBe(200);
    const exchange = web.callsTo('oauth.v2.access').find((c) => c.args.code === 'code-T2')!;
    expect(exchange.args).toMatchObject({ client_id: oauthApp.clientId, client_secret: oauthApp.clientSecret });
    const row = rows().find((r) => r.key === 'T:T2')!;
    expect(row).toMatchObject({ team_id: 'T2', installer_user_id: 'U2INSTALL' });
    // The token is nowhere in the clear; it opens only with the key, and only for its own row.
    expect(JSON.stringify(row)).not.toMatch(/xoxb-/);
    const cipher = new TokenCipher(TOKEN_KEY);
    expect(JSON.parse(cipher.open(row.secret, 'T:T2')).bot.token).toMatch(/^xoxb-T2-/);
    expect(() => cipher.open(row.secret, 'T:T3')).toThrow();
  });

  it("answers a mention from that workspace with that workspace's token", async () => {
    const mention = mentionEvent('What will replace the Merida Initiative?', {
      team: 'T2',
      channel: 'CT2',
      botUserId: 'UBOTT2',
    });
    await postEvent(`${base}/slack/events`, eventEnvelope(mention, { team: 'T2' }), SECRET);
    await until(() => web.messages.some((m) => m.thread_ts === mention.ts), 'reply in T2');
    const reply = web.messages.find((m) => m.thread_ts === mention.ts)!;
    expect(reply.token).toMatch(/^xoxb-T2-/);
    expect(visibleText(reply)).toContain('Merida Initiative');
  });

  it('refuses an install whose state does not match the browser session, storing nothing', async () => {
    const before = web.callsTo('oauth.v2.access').length;
    const res = await install('code-T5', { state: 'forged-state' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(web.callsTo('oauth.v2.access').length).toBe(before);
    expect(rows().map((r) => r.key)).not.toContain('T:T5');
  });

  it('makes the installing user an admin in their workspace only, beside BRIEFBOT_ADMINS', async () => {
    const byInstaller = await slash('T2', 'U2INSTALL', 'digest', 'subscribe schedule:"0 8 * * *"');
    expect(JSON.parse(byInstaller.text).text).toMatch(/Subscribed/);
    const byOther = await slash('T2', 'U2OTHER', 'digest', 'subscribe schedule:"0 9 * * *" ');
    expect(JSON.parse(byOther.text).text).toMatch(/Only admins/);
    expect((await tb.digests.service.find({ platform: 'slack', id: 'CT2' }))?.channel.workspace).toBe('T2');
  });

  it("lists only the workspace's own digests", async () => {
    expect((await install('code-T3')).status).toBe(200);
    expect(JSON.parse((await slash('T3', 'U3INSTALL', 'digest', 'subscribe schedule:"0 7 * * *"')).text).text).toMatch(
      /Subscribed/,
    );
    const list = JSON.parse((await slash('T3', 'U3INSTALL', 'digest', 'list')).text).text as string;
    expect(list).toContain('CT3');
    expect(list).not.toContain('CT2');
  });

  it('rotates an expiring token through oauth.v2.access and keeps the new one sealed', async () => {
    expect((await install('code-T4')).status).toBe(200);
    const installed = JSON.parse(
      new TokenCipher(TOKEN_KEY).open(rows().find((r) => r.key === 'T:T4')!.secret, 'T:T4'),
    ).bot;
    expect(installed.refreshToken).toMatch(/^xoxe-/);
    const mention = mentionEvent('sources', { team: 'T4', channel: 'CT4', botUserId: 'UBOTT4' });
    await postEvent(`${base}/slack/events`, eventEnvelope(mention, { team: 'T4' }), SECRET);
    await until(() => web.messages.some((m) => m.thread_ts === mention.ts), 'reply in T4');
    expect(
      web
        .callsTo('oauth.v2.access')
        .some((c) => c.args.grant_type === 'refresh_token' && c.args.refresh_token === installed.refreshToken),
    ).toBe(true);
    const rotated = JSON.parse(
      new TokenCipher(TOKEN_KEY).open(rows().find((r) => r.key === 'T:T4')!.secret, 'T:T4'),
    ).bot;
    expect(rotated.token).not.toBe(installed.token);
    expect(web.messages.find((m) => m.thread_ts === mention.ts)!.token).toBe(rotated.token);
  });

  it("on app_uninstalled, removes the installation and stops the workspace's digests; other workspaces keep theirs", async () => {
    const res = await postEvent(
      `${base}/slack/events`,
      eventEnvelope({ type: 'app_uninstalled', event_ts: '1700000000.1' }, { team: 'T2' }),
      SECRET,
    );
    expect(res.status).toBe(200);
    await until(() => !rows().some((r) => r.key === 'T:T2'), 'installation removed');
    await eventually(
      async () => (await tb.digests.service.find({ platform: 'slack', id: 'CT2' })) === undefined,
      'T2 digest removed',
    );
    expect(await tb.digests.service.find({ platform: 'slack', id: 'CT3' })).toBeDefined();
    await expect(
      adapter.post(
        { platform: 'slack', id: 'CT2', workspace: 'T2' },
        { sections: [{ text: 'digest' }], citations: [], visibility: 'channel' },
      ),
    ).rejects.toMatchObject({ code: 'not_installed', permanent: true });
    // And the workspace's events are no longer answered.
    const mention = mentionEvent('sources', { team: 'T2', channel: 'CT2', botUserId: 'UBOTT2' });
    await postEvent(`${base}/slack/events`, eventEnvelope(mention, { team: 'T2' }), SECRET);
    await new Promise((r) => setTimeout(r, 300));
    expect(web.messages.some((m) => m.thread_ts === mention.ts)).toBe(false);
  });

  it('on tokens_revoked for the bot, removes that installation too', async () => {
    await postEvent(
      `${base}/slack/events`,
      eventEnvelope({ type: 'tokens_revoked', tokens: { bot: ['UBOTT3'] }, event_ts: '1700000000.2' }, { team: 'T3' }),
      SECRET,
    );
    await until(() => !rows().some((r) => r.key === 'T:T3'), 'installation removed');
    await eventually(
      async () => (await tb.digests.service.find({ platform: 'slack', id: 'CT3' })) === undefined,
      'T3 digest removed',
    );
    expect(rows().map((r) => r.key)).toEqual(['T:T4']);
  });
});
