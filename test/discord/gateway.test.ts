import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ask from '../../commands/ask.js';
import { Bot } from '../../src/core/bot.js';
import { chatInput } from '../fakes/discord-payloads.js';
import { startDiscordHarness, visibleText, type DiscordHarness } from './discord-harness.js';
import { fixtureServices } from './fixture-services.js';

describe('Discord gateway session (real discord.js client, v10 stand-in)', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    // A short heartbeat interval so several beats happen during the test.
    h = await startDiscordHarness(new Bot([ask], fixtureServices()), { heartbeatIntervalMs: 250 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('heartbeats with the last sequence number and stays on the same connection while ACKed', async () => {
    await h.gateway.waitFor('heartbeat', 3);
    const beats = h.gateway.events.filter((e) => e.kind === 'heartbeat');
    expect(typeof beats.at(-1)!.data).toBe('number');
    expect(h.gateway.count('connect')).toBe(1);
    expect(h.gateway.count('resume')).toBe(0);
  });

  it('resumes the session after the connection drops, replays what it missed, and answers it', async () => {
    const identifyBefore = h.gateway.count('identify');
    h.gateway.dropConnection();
    // Sent while the link is down: Discord keeps it and replays it after RESUME.
    const missed = chatInput(h.appId, h.guild, h.member, 'ask', {
      question: 'What will replace the Merida Initiative?',
    });
    h.gateway.dispatch('INTERACTION_CREATE', missed);
    await h.gateway.waitFor('resume');
    const resume = h.gateway.events.find((e) => e.kind === 'resume')!;
    expect(resume.data.session_id).toEqual(expect.any(String));
    expect(resume.data.seq).toBeGreaterThanOrEqual(2);
    expect(h.gateway.count('identify')).toBe(identifyBefore);

    const callback = await h.rest.waitForRequest(
      (r) => r.path === `/interactions/${missed.id}/${missed.token}/callback`,
    );
    expect(callback.body.type).toBe(4);
    expect(visibleText(callback.body.data)).toContain('Bicentennial Framework');

    // And the resumed session keeps serving new interactions.
    const after = await h.command('ask', { question: 'What will replace the Merida Initiative?' });
    expect(after.callback.body.type).toBe(4);
    expect(h.adapter.isConnected()).toBe(true);
  });
});
