import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { Readiness } from '../../src/http/readiness.js';
import { startOpsServer, type OpsServer } from '../../src/http/ops-server.js';
import type { LlmMetrics } from '../../src/llm/metrics.js';
import { createMetrics } from '../../src/metrics.js';
import { Bot } from '../../src/core/bot.js';
import { defineCommand } from '../../src/core/command.js';
import { textReply } from '../../src/core/reply.js';
import type { Services } from '../../src/core/services.js';
import { silentLogger } from '../../src/log.js';

const cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function start(readiness = new Readiness(), metrics = createMetrics()): Promise<OpsServer> {
  const server = await startOpsServer({ port: 0, host: '127.0.0.1', metrics, readiness });
  cleanup.push(() => server.close());
  return server;
}

async function get(server: OpsServer, path: string, method = 'GET') {
  const res = await fetch(`${server.url}${path}`, { method });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

describe('ops server', () => {
  it('answers /healthz with 200 while the process lives, whatever readiness says', async () => {
    const readiness = new Readiness();
    readiness.set('store', 'store is not open yet');
    const server = await start(readiness);
    expect(await get(server, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
  });

  it('answers /readyz 503 with every reason until the store is open and each adapter is connected', async () => {
    const readiness = new Readiness();
    let slackUp = false;
    readiness.set('store', 'store is not open yet');
    readiness.addAdapter({ platform: 'slack', isConnected: () => slackUp });
    readiness.addAdapter({ platform: 'discord', isConnected: () => true });
    const server = await start(readiness);

    const before = await get(server, '/readyz');
    expect(before.status).toBe(503);
    expect(before.body).toBe('not ready:\n- store is not open yet\n- slack adapter is not connected\n');

    readiness.set('store');
    slackUp = true;
    expect(await get(server, '/readyz')).toMatchObject({ status: 200, body: 'ready\n' });

    slackUp = false;
    expect((await get(server, '/readyz')).body).toContain('slack adapter is not connected');
  });

  it('turns /readyz 503 once shutdown begins', async () => {
    const readiness = new Readiness();
    const server = await start(readiness);
    expect((await get(server, '/readyz')).status).toBe(200);
    readiness.beginShutdown();
    expect(await get(server, '/readyz')).toMatchObject({ status: 503, body: 'not ready:\n- shutting down\n' });
  });

  it('counts a check that hangs or throws as not ready instead of hanging the probe', async () => {
    const readiness = new Readiness();
    readiness.addCheck('database', () => new Promise(() => {}));
    readiness.addCheck('cache', () => {
      throw new Error('connection refused');
    });
    readiness.addCheck('store', () => ({ ready: false, reason: 'database unreachable, retrying' }));
    readiness.addCheck('replica', () => ({ ready: true }));
    const result = await readiness.evaluate(200);
    expect(result).toEqual({
      ready: false,
      reasons: ['database: no answer within 200 ms', 'cache: connection refused', 'database unreachable, retrying'],
    });
  });

  it('serves Prometheus text with default Node metrics, event-loop lag included', async () => {
    const server = await start();
    const res = await get(server, '/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(res.body).toMatch(/^process_cpu_user_seconds_total /m);
    expect(res.body).toMatch(/^nodejs_heap_size_used_bytes /m);
  });

  it('counts commands by platform, command and outcome from the real bot, and their latency', async () => {
    // The real dispatcher with two commands of its own: the metrics hook is what is under test,
    // and these commands touch no service, so the rest of Services is not needed.
    const hello = defineCommand({
      name: 'help',
      description: 'says hello',
      options: {},
      run: async () => textReply('hello'),
    });
    const boom = defineCommand({
      name: 'boom',
      description: 'always fails',
      options: {},
      run: async () => {
        throw new Error('boom');
      },
    });
    const bot = { bot: new Bot([hello, boom], { logger: silentLogger(), admins: [] } as unknown as Services) };
    const metrics = createMetrics();
    bot.bot.observe(metrics.commandObserved);
    const user = { id: 'U1', isAdmin: false };
    const channel = { platform: 'slack' as const, id: 'C1' };
    await bot.bot.dispatch({ platform: 'slack', command: 'help', options: {}, user, channel });
    await bot.bot.dispatch({ platform: 'slack', command: 'help', options: {}, user, channel });
    await bot.bot.dispatch({ platform: 'slack', command: 'boom', options: {}, user, channel });
    await bot.bot.dispatch({
      platform: 'discord',
      command: 'no-such-<script>-command',
      options: {},
      user,
      channel: { ...channel, platform: 'discord' },
    });

    const { body: text } = await get(await start(new Readiness(), metrics), '/metrics');
    expect(text).toContain('commands_total{platform="slack",command="help",outcome="ok"} 2');
    expect(text).toContain('commands_total{platform="slack",command="boom",outcome="error"} 1');
    // User-typed command names never become label values: each would be a new time series.
    expect(text).toContain('commands_total{platform="discord",command="unknown",outcome="user_error"} 1');
    expect(text).not.toContain('no-such');
    expect(text).toContain('command_duration_seconds_count{platform="slack",command="help"} 2');
    expect(text).toMatch(/command_duration_seconds_bucket\{le="3",platform="slack",command="help"\} 2/);
  });

  it('records digest runs, ingest, LLM calls, fallbacks and tokens', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.digestRun('posted');
    metrics.digestRun('posted');
    metrics.digestRun('failed');
    metrics.ingested('added', 3);
    metrics.ingested('skipped', 0);
    // The LLM path records through its own hook type; the metrics object must fit it as is.
    const llm: LlmMetrics = metrics;
    llm.llmCall('fallback');
    llm.llmFallback('budget_exhausted');
    llm.tokens(1234);
    metrics.tokens(Number.NaN);
    const server = await start(new Readiness(), metrics);
    const { body } = await get(server, '/metrics');
    expect(body).toContain('digest_runs_total{state="posted"} 2');
    expect(body).toContain('digest_runs_total{state="failed"} 1');
    expect(body).toContain('ingest_articles_total{status="added"} 3');
    expect(body).not.toContain('ingest_articles_total{status="skipped"}');
    expect(body).toContain('llm_calls_total{outcome="fallback"} 1');
    expect(body).toContain('llm_fallbacks_total{reason="budget_exhausted"} 1');
    expect(body).toMatch(/^llm_tokens_total 1234$/m);
  });

  it('keeps each metrics object on its own registry, so two in one process do not collide', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.digestRun('posted');
    expect(await a.text()).toContain('digest_runs_total{state="posted"} 1');
    expect(await b.text()).not.toContain('digest_runs_total{state="posted"}');
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    const server = await start();
    expect((await get(server, '/nope')).status).toBe(404);
    expect((await get(server, '/healthz', 'POST')).status).toBe(405);
    expect(await get(server, '/healthz', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('fails to start with an error naming HTTP_PORT when the port is already in use', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => squatter.close(resolve)));
    const port = (squatter.address() as { port: number }).port;

    const attempt = startOpsServer({ port, host: '127.0.0.1', metrics: createMetrics({ defaultMetrics: false }) });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toMatchObject({
      code: 'HTTP_PORT_IN_USE',
      message: expect.stringMatching(
        new RegExp(`^HTTP_PORT=${port}: port ${port} on 127\\.0\\.0\\.1 is already in use`),
      ),
    });
    // The squatter is untouched: it still accepts connections.
    expect(squatter.listening).toBe(true);
  });

  it('closes idempotently, dropping kept-alive connections', async () => {
    const server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      metrics: createMetrics({ defaultMetrics: false }),
    });
    expect((await get(server, '/healthz')).status).toBe(200);
    await Promise.all([server.close(), server.close()]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
