import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestBot, type TestBot } from '../helpers/test-bot.js';
import { slackHarness, type SlackHarness } from './slack-harness.js';

describe('Slack digests end to end (real bot, real digest ledger, Web API on loopback)', () => {
  let tb: TestBot;
  let h: SlackHarness;

  beforeAll(async () => {
    tb = await makeTestBot();
    h = await slackHarness(tb.bot);
    tb.adapters.set('slack', h.adapter);
  }, 60_000);

  afterAll(async () => {
    await h?.adapter.stop();
    await h?.close();
    await tb?.close();
  });

  it('lets only admins subscribe a channel, with a clear refusal for others', async () => {
    expect(await h.invoke('digest', 'subscribe schedule:"0 8 * * *"', { channel: 'C0OPEN' })).toMatch(/Only admins/);
    expect(await h.invoke('digest', 'subscribe schedule:"0 8 * * *"', { admin: true, channel: 'C0OPEN' })).toMatch(
      /Subscribed/,
    );
    expect(await h.invoke('digest', 'subscribe schedule:"0 8 * * *"', { admin: true, channel: 'C0LOCKED' })).toMatch(
      /Subscribed/,
    );
  });

  it('answers /briefbot with no text with the help, through the umbrella command', async () => {
    expect(await h.invoke('briefbot', '')).toMatch(/\/ask/);
    expect(await h.invoke('briefbot', 'ask What would the new arrangement replace?')).toMatch(/Merida Initiative/);
  });

  it('records not_in_channel on the subscription, shows it in /digest list, and still delivers elsewhere', async () => {
    h.web.channelErrors.set('C0LOCKED', 'not_in_channel');
    await h.invoke('digest', 'now', { admin: true, channel: 'C0LOCKED' });
    await h.invoke('digest', 'now', { admin: true, channel: 'C0OPEN' });
    expect(h.web.postedTo('C0LOCKED')).toHaveLength(0);
    expect(h.web.postedTo('C0OPEN').length).toBeGreaterThan(0);
    const list = await h.invoke('digest', 'list', { admin: true });
    expect(list).toMatch(/not_in_channel/);
    expect(h.adapter.isConnected()).toBe(true);
  });
});
