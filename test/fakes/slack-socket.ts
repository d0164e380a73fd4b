import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlackWebApi } from './slack-web-api.js';

/** An acknowledgement the client sent back for an envelope. */
export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/**
 * A local stand-in for Slack's Socket Mode endpoint. Wired to the Web API fake so that
 * apps.connections.open hands out ws://127.0.0.1:PORT/link/?ticket=…; on each connection it
 * sends `hello` like Slack, delivers envelopes, and collects acks by envelope_id. `drop()` cuts
 * the sockets without a close handshake, as a network failure would.
 */
export class FakeSlackSocket {
  readonly acks: Ack[] = [];
  /** Connections opened so far, reconnections included. */
  connectionCount = 0;
  private readonly sockets = new Set<WebSocket>();
  private readonly tickets = new Set<string>();
  private readonly waiters: (() => void)[] = [];

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (ws, req) => {
      const ticket = new URL(req.url ?? '/', 'ws://x').searchParams.get('ticket') ?? '';
      if (!this.tickets.delete(ticket)) {
        ws.close(1008, 'invalid ticket');
        return;
      }
      this.sockets.add(ws);
      this.connectionCount += 1;
      ws.on('close', () => this.sockets.delete(ws));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as Ack;
        if (msg.envelope_id) this.acks.push(msg);
        this.wake();
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: this.sockets.size,
          debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0FAKE' },
        }),
      );
      this.wake();
    });
  }

  static async start(web: FakeSlackWebApi): Promise<FakeSlackSocket> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const fake = new FakeSlackSocket(wss);
    web.socketUrl = () => fake.issueUrl();
    return fake;
  }

  /** A one-time URL, like the ticketed wss:// URL apps.connections.open returns. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link/?ticket=${ticket}&app_id=A0FAKE`;
  }

  get openSockets(): number {
    return this.sockets.size;
  }

  /** Sends an envelope (slash_commands, interactive, …) to the live connection; returns its id. */
  send(type: string, payload: Record<string, unknown>): string {
    const [ws] = this.sockets;
    if (!ws) throw new Error('no Socket Mode connection');
    const envelope_id = randomUUID();
    ws.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api' }));
    return envelope_id;
  }

  /** Resolves with the ack for `envelopeId` once it arrives. */
  async ackFor(envelopeId: string, timeoutMs = 10_000): Promise<Ack> {
    await this.until(() => this.acks.some((a) => a.envelope_id === envelopeId), timeoutMs, `ack for ${envelopeId}`);
    return this.acks.find((a) => a.envelope_id === envelopeId)!;
  }

  async untilConnections(n: number, timeoutMs = 15_000): Promise<void> {
    await this.until(() => this.connectionCount >= n && this.sockets.size > 0, timeoutMs, `${n} connections`);
  }

  /** Cuts every open socket without a close frame. */
  drop(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }

  private async until(ok: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
