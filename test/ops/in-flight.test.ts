import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/core/bot.js';
import { defineCommand } from '../../src/core/command.js';
import { textReply } from '../../src/core/reply.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/log.js';
import { InFlight, installShutdown, trackedBot } from '../../src/shutdown.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('in-flight tracker', () => {
  it('drains work tracked before and during the drain', async () => {
    const inFlight = new InFlight();
    const first = deferred();
    const second = deferred();
    void inFlight.track(first.promise);
    const draining = inFlight.drain(5_000);
    void inFlight.track(second.promise);
    first.resolve();
    await new Promise((r) => setTimeout(r, 20));
    expect(inFlight.size).toBe(1);
    second.resolve();
    expect(await draining).toEqual({ drained: true, pending: 0 });
  });

  it('reports what is still pending when the time is up, and forgets failed work', async () => {
    const inFlight = new InFlight();
    void inFlight.track(new Promise(() => {}));
    await inFlight.track(Promise.reject(new Error('x'))).catch(() => {});
    expect(await inFlight.drain(50)).toEqual({ drained: false, pending: 1 });
  });

  it('refuses new work after close with a SHUTTING_DOWN user error', async () => {
    const inFlight = new InFlight();
    inFlight.close();
    await expect(inFlight.run(async () => 1)).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
  });

  it('tracks each dispatch of a wrapped bot and answers "restarting" once shutdown begins', async () => {
    const gate = deferred();
    const slow = defineCommand({
      name: 'slow',
      description: 'waits',
      options: {},
      run: async () => (await gate.promise, textReply('done')),
    });
    const bot = new Bot([slow], { logger: silentLogger(), admins: [] } as unknown as Services);
    const inFlight = new InFlight();
    const port = trackedBot(bot, inFlight);
    const inv = {
      platform: 'console' as const,
      command: 'slow',
      options: {},
      user: { id: 'u', isAdmin: false },
      channel: { platform: 'console' as const, id: 'console' },
    };
    const answer = port.dispatch(inv);
    expect(inFlight.size).toBe(1);
    inFlight.close();
    expect(await port.dispatch(inv)).toMatchObject({ errorCode: 'SHUTTING_DOWN' });
    gate.resolve();
    expect((await answer).sections[0].text).toBe('done');
    expect(port.commands).toBe(bot.commands);
  });
});

describe('installShutdown', () => {
  it('runs the steps in order once, even when signalled twice by code, and exits 0', async () => {
    const target = new EventEmitter();
    const order: string[] = [];
    const codes: number[] = [];
    const handle = installShutdown({
      target,
      deadlineMs: 5_000,
      logger: silentLogger(),
      exit: (c) => codes.push(c),
      steps: ['a', 'b', 'c'].map((name) => ({ name, run: async () => void order.push(name) })),
    });
    target.emit('SIGTERM', 'SIGTERM');
    expect(await handle.shutdown('again')).toBe(0);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(codes).toEqual([0]);
    handle.uninstall();
    expect(target.listenerCount('SIGTERM')).toBe(0);
  });

  it('keeps going after a failing step and exits 1', async () => {
    const order: string[] = [];
    const codes: number[] = [];
    const handle = installShutdown({
      target: new EventEmitter(),
      deadlineMs: 5_000,
      logger: silentLogger(),
      exit: (c) => codes.push(c),
      steps: [
        {
          name: 'adapters stop',
          run: () => {
            throw new Error('socket stuck');
          },
        },
        { name: 'store close', run: () => void order.push('store closed') },
      ],
    });
    expect(await handle.shutdown('test')).toBe(1);
    expect(order).toEqual(['store closed']);
  });
});
