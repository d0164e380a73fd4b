import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message as the stand-in platform stored it. */
export interface RecordedPost {
  id: string;
  channel: string;
  marker?: string;
  text: string;
  /** The window the digest says it covers (from reply.data). */
  windowTo?: string;
  windowFrom?: string;
}

/** What the platform does with one post request: store it and answer, or fail like Slack/Discord do. */
export type PostBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; retryAfterSec?: number; error?: string }
  /** Store the message but never answer (the client times out: outcome unknown). */
  | { kind: 'store-and-hang' }
  /** Never answer and do not store. */
  | { kind: 'hang' };

/**
 * A loopback stand-in for a chat platform's "post message" and "read channel history" endpoints.
 * It lives in the test process, so what it recorded survives a SIGKILL of the bot process.
 */
export class RecorderServer {
  readonly posts: RecordedPost[] = [];
  private server?: Server;
  private seq = 0;
  private readonly hanging = new Set<ServerResponse>();
  /** Decides how to treat each post; default: store and answer 200. */
  behaviour: (body: { channel: string; marker?: string }, attempt: number) => PostBehaviour = () => ({ kind: 'ok' });
  /** Called after a post was stored, before the answer goes out (crash tests kill the bot here). */
  onStored?: (post: RecordedPost, res: ServerResponse) => void;
  private readonly attempts = new Map<string, number>();

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  postsFor(channel: string, marker?: string): RecordedPost[] {
    return this.posts.filter((p) => p.channel === channel && (marker === undefined || p.marker === marker));
  }

  attemptsFor(channel: string): number {
    return this.attempts.get(channel) ?? 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/history') {
      const hit = this.posts.find(
        (p) => p.channel === url.searchParams.get('channel') && p.marker === url.searchParams.get('marker'),
      );
      return this.json(res, 200, { ok: true, id: hit?.id ?? null });
    }
    if (req.method !== 'POST' || url.pathname !== '/post') return this.json(res, 404, { ok: false });
    let raw = '';
    let complete = false;
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    await new Promise<void>((resolve) => {
      req.on('end', () => ((complete = true), resolve()));
      req.on('close', () => resolve());
    });
    // A request cut off mid-body (the bot died while sending) never reached the platform.
    if (!complete) return;
    const body = JSON.parse(raw) as {
      channel: string;
      marker?: string;
      text: string;
      windowTo?: string;
      windowFrom?: string;
    };
    const attempt = (this.attempts.get(body.channel) ?? 0) + 1;
    this.attempts.set(body.channel, attempt);
    const b = this.behaviour(body, attempt);
    if (b.kind === 'hang') return void this.hanging.add(res);
    if (b.kind === 'status') {
      if (b.retryAfterSec !== undefined) res.setHeader('Retry-After', String(b.retryAfterSec));
      return this.json(res, b.status, { ok: false, error: b.error ?? `http_${b.status}` });
    }
    const post: RecordedPost = {
      id: `M${++this.seq}`,
      channel: body.channel,
      marker: body.marker,
      text: body.text,
      windowTo: body.windowTo,
      windowFrom: body.windowFrom,
    };
    this.posts.push(post);
    if (b.kind === 'store-and-hang') return void this.hanging.add(res);
    this.onStored?.(post, res);
    if (!res.destroyed) this.json(res, 200, { ok: true, id: post.id });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
