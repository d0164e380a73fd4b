import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
}

/**
 * A local stand-in for Slack's response_url endpoint (hooks.slack.com/commands/…): records what
 * the app posts there, and can answer 404 `expired_url` like Slack does after 30 minutes.
 */
export class FakeResponseUrls {
  readonly posts: ResponsePost[] = [];
  private readonly expired = new Set<string>();
  private counter = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeResponseUrls> {
    let fake!: FakeResponseUrls;
    const server = createServer(async (req, res) => {
      const id = (req.url ?? '').split('/')[3] ?? '';
      const body = JSON.parse((await read(req)) || '{}') as Record<string, unknown>;
      if (fake.expired.has(id)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('expired_url');
        return;
      }
      fake.posts.push({ id, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    fake = new FakeResponseUrls(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return fake;
  }

  /** A fresh response_url; `id` identifies it in `posts`. */
  issue(): { id: string; url: string } {
    const id = `R${++this.counter}`;
    return { id, url: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/commands/T0FAKE/${id}/secret` };
  }

  expire(id: string): void {
    this.expired.add(id);
  }

  postsFor(id: string): ResponsePost[] {
    return this.posts.filter((p) => p.id === id);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
