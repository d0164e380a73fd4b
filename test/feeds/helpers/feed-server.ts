import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the server saw it. */
export interface SeenRequest {
  path: string;
  /** The address the client connected to ("127.0.0.1"): the host, for per-host counts. */
  host: string;
  headers: IncomingMessage['headers'];
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * A feed publisher on loopback, started by the test: routes by path, records every request, and
 * counts requests in flight per host and overall (the politeness the poller owes). Listening on
 * several loopback addresses (127.0.0.1, 127.0.0.2, ...) gives several hosts.
 */
export class FeedServer {
  readonly requests: SeenRequest[] = [];
  readonly maxInFlightPerHost = new Map<string, number>();
  maxInFlight = 0;
  private readonly routes = new Map<string, Handler>();
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly inFlight = new Map<string, number>();
  private total = 0;
  private ports = new Map<string, number>();

  static async start(hosts: string[] = ['127.0.0.1']): Promise<FeedServer> {
    const s = new FeedServer();
    for (const host of hosts) await s.listen(host);
    return s;
  }

  private listen(host: string): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.servers.push(server);
    return new Promise((resolve) =>
      server.listen(0, host, () => {
        this.ports.set(host, (server.address() as AddressInfo).port);
        resolve();
      }),
    );
  }

  /** The URL of a path on a host (the first one by default). */
  url(path: string, host = [...this.ports.keys()][0]): string {
    return `http://${host}:${this.ports.get(host)}${path}`;
  }

  route(path: string, handler: Handler): void {
    this.routes.set(path, handler);
  }

  /** Serves a fixed body with a content type (and optional extra headers). */
  serve(
    path: string,
    body: string | Buffer,
    type = 'application/rss+xml; charset=utf-8',
    headers: Record<string, string> = {},
  ): void {
    this.route(path, (_req, res) => {
      res.writeHead(200, { 'content-type': type, ...headers });
      res.end(body);
    });
  }

  requestsTo(path: string): SeenRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.socket.localAddress?.replace(/^::ffff:/, '') ?? '?';
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push({ path, host, headers: req.headers });
    const now = (this.inFlight.get(host) ?? 0) + 1;
    this.inFlight.set(host, now);
    this.maxInFlightPerHost.set(host, Math.max(this.maxInFlightPerHost.get(host) ?? 0, now));
    this.maxInFlight = Math.max(this.maxInFlight, ++this.total);
    const done = () => {
      this.inFlight.set(host, (this.inFlight.get(host) ?? 1) - 1);
      this.total--;
    };
    res.once('close', done);
    const handler = this.routes.get(path);
    try {
      if (handler) await handler(req, res);
      else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    } catch (e) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}
