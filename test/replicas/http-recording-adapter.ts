import type { Adapter, Delivery, PostOptions } from '../../src/adapters/adapter.js';
import { DeliveryError } from '../../src/adapters/delivery-error.js';
import type { BotPort } from '../../src/core/bot.js';
import type { ChannelRef } from '../../src/core/invocation.js';
import { replyToPlainText, type Reply } from '../../src/core/reply.js';

/**
 * A real Adapter whose "platform" is the RecorderServer over loopback HTTP. Replica processes post
 * digests through it, and it reads channel history (findMarker) the way the Slack adapter would.
 */
export class HttpRecordingAdapter implements Adapter {
  readonly platform = 'console' as const;

  constructor(
    private readonly baseUrl: string,
    private readonly replica: string,
  ) {}

  async start(_bot: BotPort): Promise<void> {}

  async stop(): Promise<void> {}

  isConnected(): boolean {
    return true;
  }

  async post(channel: ChannelRef, reply: Reply, opts?: PostOptions): Promise<Delivery> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/post`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          replica: this.replica,
          channel: channel.id,
          marker: opts?.marker,
          text: replyToPlainText(reply),
        }),
      });
    } catch (e) {
      throw new DeliveryError('network', (e as Error).message, false);
    }
    if (!res.ok) throw new DeliveryError(`http_${res.status}`, `recorder answered ${res.status}`, false);
    const { messageId } = (await res.json()) as { messageId: string };
    return { messageId };
  }

  async findMarker(channel: ChannelRef, marker: string): Promise<string | undefined> {
    const url = new URL('/history', this.baseUrl);
    url.searchParams.set('channel', channel.id);
    url.searchParams.set('marker', marker);
    const res = await fetch(url);
    if (!res.ok) throw new DeliveryError(`http_${res.status}`, `recorder answered ${res.status}`, false);
    const { messageId } = (await res.json()) as { messageId: string | null };
    return messageId ?? undefined;
  }
}
