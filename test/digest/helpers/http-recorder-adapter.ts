import { Agent, request } from 'node:http';
import type { Adapter, Delivery, PostOptions } from '../../../src/adapters/adapter.js';
import { DeliveryError } from '../../../src/adapters/delivery-error.js';
import type { BotPort } from '../../../src/core/bot.js';
import type { ChannelRef } from '../../../src/core/invocation.js';
import { replyToPlainText, type Reply } from '../../../src/core/reply.js';

/**
 * The bot side of the recorder: posts over loopback HTTP and maps the platform's answers to
 * DeliveryErrors the way the Slack and Discord adapters do (429 + Retry-After, 5xx, 4xx permanent).
 * `history: false` models a platform where the bot cannot read channel history (no findMarker).
 */
export class HttpRecorderAdapter implements Adapter {
  readonly platform = 'slack' as const;
  readonly findMarker?: (channel: ChannelRef, marker: string) => Promise<string | undefined>;

  constructor(
    private readonly baseUrl: string,
    opts: { history?: boolean; timeoutMs?: number } = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    if (opts.history !== false) this.findMarker = (channel, marker) => this.lookup(channel, marker);
  }

  private readonly timeoutMs: number;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });

  async start(_bot: BotPort): Promise<void> {}
  async stop(): Promise<void> {
    this.agent.destroy();
  }
  isConnected(): boolean {
    return true;
  }

  async post(channel: ChannelRef, reply: Reply, opts?: PostOptions): Promise<Delivery> {
    const window = (reply.data as { window?: { from?: string; to?: string } } | undefined)?.window;
    const body = JSON.stringify({
      channel: channel.id,
      marker: opts?.marker,
      text: replyToPlainText(reply),
      windowTo: window?.to,
      windowFrom: window?.from,
    });
    const res = await this.call('POST', '/post', body);
    const json = JSON.parse(res.body || '{}') as { id?: string; error?: string };
    if (res.status === 200) return { messageId: json.id };
    const code = json.error ?? `http_${res.status}`;
    if (res.status === 429)
      throw new DeliveryError('rate_limited', 'rate limited', false, Number(res.retryAfter ?? '1') * 1000);
    if (res.status >= 500) throw new DeliveryError(code, `platform error ${res.status}`, false);
    throw new DeliveryError(code, `platform refused the post (${res.status})`, true);
  }

  /** One HTTP exchange over a keep-alive connection; network failures and timeouts become transient DeliveryErrors. */
  private call(
    method: string,
    path: string,
    body?: string,
  ): Promise<{ status: number; body: string; retryAfter?: string }> {
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (data += c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: data,
              retryAfter: res.headers['retry-after'] as string | undefined,
            }),
          );
          res.on('error', (e) => reject(new DeliveryError('network', e.message, false)));
        },
      );
      req.on('timeout', () =>
        req.destroy(new DeliveryError('timeout', `no answer within ${this.timeoutMs} ms`, false)),
      );
      req.on('error', (e) => reject(e instanceof DeliveryError ? e : new DeliveryError('network', e.message, false)));
      req.end(body);
    });
  }

  private async lookup(channel: ChannelRef, marker: string): Promise<string | undefined> {
    const res = await this.call(
      'GET',
      `/history?channel=${encodeURIComponent(channel.id)}&marker=${encodeURIComponent(marker)}`,
    );
    if (res.status !== 200) throw new DeliveryError(`http_${res.status}`, 'history unavailable', false);
    const json = JSON.parse(res.body) as { id: string | null };
    return json.id ?? undefined;
  }
}
