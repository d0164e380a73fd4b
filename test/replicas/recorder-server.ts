import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the "platform" accepted. */
export interface RecordedPost {
  replica: string;
  channel: string;
  marker?: string;
  messageId: string;
  text: string;
  at: number;
}

/**
 * A loopback stand-in for a chat platform that every replica posts to: it records each message the
 * moment the request body arrives (as a real platform would have accepted it) and answers after a
 * delay, so a replica killed mid-request leaves a post whose outcome it never learned. It also
 * answers marker look-ups (channel history) and holds replicas at a start barrier until all are up.
 */
export class RecorderServer {
  readonly posts: RecordedPost[] = [];
  private server?: http.Server;
  private waiting: http.ServerResponse[] = [];
  private nextId = 1;
  url = '';

  constructor(private readonly opts: { replicas: number; replyDelayMs: number }) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Posts per channel (and per marker), to check "exactly one digest per channel per run". */
  countsByChannel(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const p of this.posts) counts.set(p.channel, (counts.get(p.channel) ?? 0) + 1);
    return counts;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', this.url);
    if (req.method === 'POST' && url.pathname === '/ready') {
      this.waiting.push(res);
      if (this.waiting.length >= this.opts.replicas) {
        for (const w of this.waiting) w.writeHead(200).end('go');
        this.waiting = [];
      }
      return;
    }
    if (req.method === 'POST' && url.pathname === '/post') {
      const msg = JSON.parse(body) as { replica: string; channel: string; marker?: string; text: string };
      const post: RecordedPost = { ...msg, messageId: `m${this.nextId++}`, at: Date.now() };
      this.posts.push(post);
      await new Promise((r) => setTimeout(r, this.opts.replyDelayMs));
      if (!res.destroyed)
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messageId: post.messageId }));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/history') {
      const channel = url.searchParams.get('channel');
      const marker = url.searchParams.get('marker');
      const found = this.posts.find((p) => p.channel === channel && p.marker === marker);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messageId: found?.messageId ?? null }));
      return;
    }
    res.writeHead(404).end();
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
