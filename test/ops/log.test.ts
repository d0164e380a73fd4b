import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ stream, level: 'info' }) };
}

describe('logging', () => {
  it('writes JSON lines with the level and message', () => {
    const { lines, logger } = capture();
    logger.info({ platform: 'slack', command: 'ask', ms: 12, outcome: 'ok' }, 'command');
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({
      msg: 'command',
      platform: 'slack',
      command: 'ask',
      ms: 12,
      outcome: 'ok',
      level: 30,
    });
  });

  it('redacts every token and key when a whole config is logged', () => {
    const secrets = [
      'xoxb-bot-SECRET1',
      'xapp-app-SECRET2',
      'signing-SECRET3',
      'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.discord-SECRET4-0123456789',
      'sk-SECRET5',
      'SECRET6',
    ];
    const config = loadConfig({
      file: 'config/default.yaml',
      env: {
        SLACK_BOT_TOKEN: secrets[0],
        SLACK_APP_TOKEN: secrets[1],
        SLACK_SIGNING_SECRET: secrets[2],
        DISCORD_TOKEN: secrets[3],
        DISCORD_APP_ID: '123456789012345678',
        OPENAI_API_KEY: secrets[4],
        DATABASE_URL: `postgres://bot:${secrets[5]}@127.0.0.1:5432/test`,
      },
    });
    const { lines, logger } = capture();
    logger.info({ config }, 'starting');
    logger.info(config, 'flat');
    logger.info(
      {
        env: { SLACK_BOT_TOKEN: secrets[0], OPENAI_API_KEY: secrets[4] },
        req: { headers: { authorization: `Bearer ${secrets[4]}` } },
      },
      'request',
    );
    const out = lines.join('\n');
    for (const s of secrets) expect(out).not.toContain(s);
    expect(out).toContain('[redacted]');
    // Non-secret settings stay visible: redaction must not swallow the whole config.
    expect(JSON.parse(lines[0]).config.http.port).toBe(8080);
  });
});
