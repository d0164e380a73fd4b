import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';

/** Uninstalling a workspace removes every digest of its channels, named ones included. */
describe('forgetting a workspace', () => {
  let tb: TestBot;
  beforeAll(async () => {
    tb = await makeTestBot();
  });
  afterAll(async () => tb.close());

  it('removes a channel’s several named digests, and leaves other workspaces’ digests', async () => {
    const channel = { platform: 'slack' as const, id: 'CW1', workspace: 'TW1' };
    const other = { platform: 'slack' as const, id: 'CW2', workspace: 'TW2' };
    for (const name of ['morning', 'evening'])
      await tb.digests.service.subscribe({ channel, name, schedule: '0 8 * * *', timezone: 'UTC', createdBy: 'U1' });
    await tb.digests.service.subscribe({ channel: other, schedule: '0 8 * * *', timezone: 'UTC', createdBy: 'U1' });
    expect(await tb.digests.forgetWorkspace('slack', 'TW1')).toBe(2);
    expect(await tb.digests.service.find(channel, 'morning')).toBeUndefined();
    expect(await tb.digests.service.find(channel, 'evening')).toBeUndefined();
    expect(await tb.digests.service.find(other)).toBeDefined();
  });
});
