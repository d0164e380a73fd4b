import { describe, expect, it } from 'vitest';
import { loadConfig, slackEnabled, slackSocketMode } from '../../src/config/index.js';
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
    expect(slack({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({ on: true, socket: true, appToken: 'xapp-1', port: 3000 });
    expect(slack({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api/' })).toMatchObject({
      on: true,
      socket: false,
      signingSecret: 'abc',
      port: 8080,
      apiUrl: 'http://127.0.0.1:9/api/',
    });
  });

  it.each([
    [{ SLACK_APP_TOKEN: 'xapp-1' }, /^SLACK_BOT_TOKEN \(not set; setting slack\.botToken\): missing: Slack needs its bot token \(xoxb-…\)/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_APP_TOKEN: 'xapp-1' }, /^SLACK_BOT_TOKEN=\[redacted\] \(environment\): expected a Slack bot token starting with xoxb-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-1' }, /^SLACK_APP_TOKEN=\[redacted\] \(environment\): expected a Slack app-level token starting with xapp-/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_APP_TOKEN \(not set.*needs SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET \(HTTP mode\)/],
    // An empty variable counts as not set, so the message asks for one of the pair.
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '   ' }, /^SLACK_APP_TOKEN \(not set.*or SLACK_SIGNING_SECRET \(HTTP mode\)/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'ftp://x' }, /^SLACK_API_URL=ftp:\/\/x \(environment\): expected an http\(s\) URL/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: 'eighty' }, /^PORT=eighty \(environment\): expected a port number/],
  ])('names the variable when the settings are wrong: %o', (env, message) => {
    const found = configProblems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('never echoes a token back in a message', () => {
    const text = configProblems({ SLACK_BOT_TOKEN: 'xoxp-1234-secret-value', SLACK_APP_TOKEN: 'xapp-secret-app', SLACK_SIGNING_SECRET: ' ' }).join(' ');
    expect(text).not.toMatch(/secret-value|secret-app/);
  });
});
