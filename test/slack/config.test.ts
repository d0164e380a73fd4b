import { describe, expect, it } from 'vitest';
import { discordMode, loadConfig, slackEnabled, slackMultiWorkspace, slackSocketMode } from '../../src/config/index.js';
import { configProblems } from '../helpers/config-problems.js';

/** The Slack settings as the bot reads them at start: the config layer is their one check. */
function slack(env: Record<string, string>) {
  const config = loadConfig({ env, file: null });
  return { on: slackEnabled(config), socket: slackSocketMode(config), ...config.slack };
}

describe('Slack settings', () => {
  it('leaves Slack off, without complaint, when no Slack variable is set', () => {
    expect(slack({})).toMatchObject({ on: false });
    expect(slack({ SLACK_BOT_TOKEN: '  ', SLACK_SIGNING_SECRET: '' })).toMatchObject({ on: false });
  });

  it('chooses Socket Mode with an app token and HTTP mode with a signing secret', () => {
    expect(slack({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({
      on: true,
      socket: true,
      appToken: 'xapp-1',
      port: 3000,
    });
    expect(
      slack({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'abc',
        PORT: '8080',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      }),
    ).toMatchObject({
      on: true,
      socket: false,
      signingSecret: 'abc',
      port: 8080,
      apiUrl: 'http://127.0.0.1:9/api/',
    });
  });

  it.each([
    [
      { SLACK_APP_TOKEN: 'xapp-1' },
      /^SLACK_BOT_TOKEN \(not set; setting slack\.botToken\): missing: Slack needs its bot token \(xoxb-…\)/,
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxp-user', SLACK_APP_TOKEN: 'xapp-1' },
      /^SLACK_BOT_TOKEN=\[redacted\] \(environment\): expected a Slack bot token starting with xoxb-/,
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-1' },
      /^SLACK_APP_TOKEN=\[redacted\] \(environment\): expected a Slack app-level token starting with xapp-/,
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      /^SLACK_APP_TOKEN \(not set.*needs SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET \(HTTP mode\)/,
    ],
    // An empty variable counts as not set, so the message asks for one of the pair.
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '   ' },
      /^SLACK_APP_TOKEN \(not set.*or SLACK_SIGNING_SECRET \(HTTP mode\)/,
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'ftp://x' },
      /^SLACK_API_URL=ftp:\/\/x \(environment\): expected an http\(s\) URL/,
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: 'eighty' },
      /^PORT=eighty \(environment\): expected a port number/,
    ],
  ])('names the variable when the settings are wrong: %o', (env, message) => {
    const found = configProblems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('never echoes a token back in a message', () => {
    const text = configProblems({
      SLACK_BOT_TOKEN: 'xoxp-1234-secret-value',
      SLACK_APP_TOKEN: 'xapp-secret-app',
      SLACK_SIGNING_SECRET: ' ',
    }).join(' ');
    expect(text).not.toMatch(/secret-value|secret-app/);
  });

  const KEY = Buffer.alloc(32, 7).toString('base64');
  const OAUTH = {
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'client-secret',
    SLACK_STATE_SECRET: 'a-state-secret-long-enough',
    SLACK_TOKEN_KEY: KEY,
    SLACK_SIGNING_SECRET: 's',
  };

  it('serves several workspaces with the OAuth settings instead of a bot token', () => {
    const config = loadConfig({ env: OAUTH, file: null });
    expect(slackEnabled(config)).toBe(true);
    expect(slackMultiWorkspace(config)).toBe(true);
    expect(
      slackMultiWorkspace(loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, file: null })),
    ).toBe(false);
  });

  it.each([
    [{ ...OAUTH, SLACK_TOKEN_KEY: '' }, /^SLACK_TOKEN_KEY \(not set.*to encrypt each workspace's bot token/],
    [
      { ...OAUTH, SLACK_TOKEN_KEY: 'too-short' },
      /^SLACK_TOKEN_KEY=\[redacted\] \(environment\): expected a 32-byte key/,
    ],
    [{ ...OAUTH, SLACK_STATE_SECRET: 'short' }, /^SLACK_STATE_SECRET=\[redacted\].*at least 16 characters/],
    [{ ...OAUTH, SLACK_SIGNING_SECRET: '' }, /^SLACK_SIGNING_SECRET \(not set.*need HTTP mode/],
    [
      { ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1' },
      /either SLACK_BOT_TOKEN \(one workspace\) or SLACK_CLIENT_ID \(several workspaces\), not both/,
    ],
    [{ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1' }, /no SLACK_APP_TOKEN with SLACK_CLIENT_ID/],
  ])('names what several workspaces still need: %o', (env, message) => {
    const found = configProblems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('picks the Discord mode: gateway alone, both with a public key, http when asked (which needs the key)', () => {
    const discord = {
      DISCORD_TOKEN: `${Buffer.from('123456789012345678').toString('base64url')}.abcd.${'x'.repeat(27)}`,
      DISCORD_APP_ID: '123456789012345678',
    };
    const publicKey = 'ab'.repeat(32);
    expect(discordMode(loadConfig({ env: discord, file: null }))).toBe('gateway');
    expect(discordMode(loadConfig({ env: { ...discord, DISCORD_PUBLIC_KEY: publicKey }, file: null }))).toBe('both');
    expect(
      discordMode(loadConfig({ env: { ...discord, DISCORD_PUBLIC_KEY: publicKey, DISCORD_MODE: 'http' }, file: null })),
    ).toBe('http');
    expect(configProblems({ ...discord, DISCORD_MODE: 'http' })[0]).toMatch(
      /^DISCORD_PUBLIC_KEY \(not set.*DISCORD_MODE=http answers interactions over HTTP/,
    );
    expect(configProblems({ ...discord, DISCORD_PUBLIC_KEY: 'not-hex' })[0]).toMatch(
      /^DISCORD_PUBLIC_KEY=not-hex \(environment\): expected the Public Key/,
    );
  });
});
