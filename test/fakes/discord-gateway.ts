/**
 * A local stand-in for Discord's gateway, v10 JSON encoding, on loopback: HELLO (op 10),
 * IDENTIFY (op 2) → READY + GUILD_CREATE, HEARTBEAT (op 1) → ACK (op 11), RESUME (op 6) →
 * replay of missed dispatches + RESUMED. Dispatches sent while the connection is down are kept
 * and replayed on resume, as Discord does.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreatePayload, nextSnowflake, type FakeGuild } from './discord-payloads.js';

interface Session {
  id: string;
  seq: number;
  /** Every dispatch sent in this session, for replay on resume. */
  log: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
}

export interface GatewayEvent {
  kind: 'connect' | 'identify' | 'resume' | 'heartbeat' | 'close';
  query?: string;
  data?: any;
}

export class FakeDiscordGateway {
  readonly events: GatewayEvent[] = [];
  private wss?: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private current?: Session;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly opts: {
      token: string;
      botUser: Record<string, unknown>;
      appId: string;
      guilds: FakeGuild[];
      heartbeatIntervalMs?: number;
    },
  ) {}

  get url(): string {
    const { port } = this.wss!.address() as AddressInfo;
    return `ws://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.wss!.once('listening', () => resolve()));
    this.wss.on('connection', (socket, req) => this.onConnection(socket, req.url ?? ''));
    return this;
  }

  async close(): Promise<void> {
    if (!this.wss) return;
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss!.close(() => resolve()));
  }

  count(kind: GatewayEvent['kind']): number {
    return this.events.filter((e) => e.kind === kind).length;
  }

  /** Resolves once `count(kind)` reaches `n`. */
  waitFor(kind: GatewayEvent['kind'], n = 1): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.count(kind) < n) return false;
        resolve();
        return true;
      };
      if (!check()) this.listeners.push(check as () => void);
    });
  }

  /** Sends a dispatch (op 0) on the current session, or keeps it for replay if the link is down. */
  dispatch(t: string, d: unknown): void {
    const session = this.current;
    if (!session) throw new Error('no gateway session: has the client identified?');
    const s = ++session.seq;
    session.log.push({ s, t, d });
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify({ op: 0, t, s, d }));
  }

  /**
   * Sends a dispatch on every live session, as Discord does when several processes connect with
   * the same token and shard (replicas): each receives every event.
   */
  broadcast(t: string, d: unknown): number {
    let sent = 0;
    for (const session of this.sessions.values()) {
      if (session.socket?.readyState !== 1) continue;
      const s = ++session.seq;
      session.log.push({ s, t, d });
      session.socket.send(JSON.stringify({ op: 0, t, s, d }));
      sent++;
    }
    return sent;
  }

  /** Sessions with an open connection. */
  get liveSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === 1).length;
  }

  /** Cuts the TCP connection without a close frame, as a network failure would (close code 1006). */
  dropConnection(): void {
    this.current?.socket?.terminate();
  }

  private record(e: GatewayEvent): void {
    this.events.push(e);
    for (const l of [...this.listeners])
      if ((l as () => boolean)()) this.listeners.splice(this.listeners.indexOf(l), 1);
  }

  private onConnection(socket: WebSocket, query: string): void {
    this.record({ kind: 'connect', query });
    const send = (p: unknown) => socket.send(JSON.stringify(p));
    send({ op: 10, d: { heartbeat_interval: this.opts.heartbeatIntervalMs ?? 41_250 }, s: null, t: null });
    socket.on('close', () => this.record({ kind: 'close' }));
    socket.on('message', (raw) => {
      const p = JSON.parse(raw.toString());
      switch (p.op) {
        case 1:
          this.record({ kind: 'heartbeat', data: p.d });
          send({ op: 11, d: null, s: null, t: null });
          break;
        case 2:
          this.record({ kind: 'identify', data: p.d });
          if (p.d.token !== this.opts.token) return socket.close(4004, 'Authentication failed');
          this.identify(socket);
          break;
        case 6:
          this.record({ kind: 'resume', data: p.d });
          this.resume(socket, p.d);
          break;
        default:
          socket.close(4001, 'Unknown opcode');
      }
    });
  }

  private identify(socket: WebSocket): void {
    const session: Session = { id: nextSnowflake(), seq: 0, log: [], socket };
    this.sessions.set(session.id, session);
    this.current = session;
    this.dispatch('READY', {
      v: 10,
      user: this.opts.botUser,
      guilds: this.opts.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.url,
      shard: [0, 1],
      application: { id: this.opts.appId, flags: 0 },
    });
    for (const g of this.opts.guilds) this.dispatch('GUILD_CREATE', guildCreatePayload(g, nextSnowflake()));
  }

  private resume(socket: WebSocket, d: { token: string; session_id: string; seq: number }): void {
    const session = this.sessions.get(d.session_id);
    if (!session || d.token !== this.opts.token) {
      socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    session.socket = socket;
    this.current = session;
    for (const e of session.log.filter((x) => x.s > d.seq)) socket.send(JSON.stringify({ op: 0, ...e }));
    this.dispatch('RESUMED', null);
  }
}
