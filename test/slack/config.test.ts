import { describe, expect, it } from 'vitest';
import { slackConfigFromEnv, slackConfigProblems } from '../../src/adapters/slack/config.js';
import { silentLogger } from '../../src/log.js';

const base = { admins: [], logger: silentLogger() };

describe('Slack settings', () => {
  it('leaves Slack off, without complaint, when no Slack variable is set', () => {
    expect(slackConfigProblems({})).toEqual([]);
    expect(slackConfigFromEnv({}, base)).toBeUndefined();
  });

  it('chooses Socket Mode with an app token and HTTP mode with a signing secret', () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, base)).toMatchObject({ appToken: 'xapp-1', port: 3000 });
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc', PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api/' }, base)).toMatchObject({
      appToken: undefined,
      signingSecret: 'abc',
      port: 8080,
      apiUrl: 'http://127.0.0.1:9/api/',
    });
  });

  it.each([
    [{ SLACK_APP_TOKEN: 'xapp-1' }, /SLACK_BOT_TOKEN is missing/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user' , SLACK_APP_TOKEN: 'xapp-1' }, /SLACK_BOT_TOKEN must be a bot token starting with "xoxb-"/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-1' }, /SLACK_APP_TOKEN must be an app-level token starting with "xapp-"/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /Set SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '   ' }, /SLACK_SIGNING_SECRET is empty/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'ftp://x' }, /SLACK_API_URL must be an http\(s\) URL/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: 'eighty' }, /PORT must be a whole number/],
  ])('names the variable when the settings are wrong: %o', (env, message) => {
    expect(slackConfigProblems(env).join('\n')).toMatch(message);
    expect(() => slackConfigFromEnv(env, base)).toThrow(message);
  });

  it('never echoes a whole token back in a message', () => {
    const problems = slackConfigProblems({ SLACK_BOT_TOKEN: 'xoxp-1234-secret-value', SLACK_APP_TOKEN: 'xapp-1' }).join(' ');
    expect(problems).not.toContain('secret-value');
  });
});
