import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { UserError } from '../core/errors.js';
import type { Metrics } from '../metrics.js';
import { Readiness } from './readiness.js';

export interface OpsServerOptions {
  /** HTTP_PORT; 0 picks a free port (see `port` on the result). */
  port: number;
  host?: string;
  metrics: Metrics;
  readiness?: Readiness;
  logger?: Logger;
}

export interface OpsServer {
  /** The port actually bound. */
  readonly port: number;
  readonly url: string;
  readonly readiness: Readiness;
  /** Stops listening and drops kept-alive connections. Idempotent. */
  close(): Promise<void>;
}

/** Serves /healthz, /readyz and /metrics for orchestrators and Prometheus. */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const host = opts.host ?? '0.0.0.0';
  const readiness = opts.readiness ?? new Readiness();
  const server = createServer((req, res) => {
    handle(req, res, opts.metrics, readiness).catch((e: unknown) => {
      opts.logger?.error({ err: e, url: req.url }, 'ops endpoint failed');
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    });
  });
  // Probes are tiny; a client that trickles bytes should not hold a socket for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, opts.port, host)));
    server.listen(opts.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  opts.logger?.info({ port, host }, 'ops endpoints listening (/healthz /readyz /metrics)');

  let closed: Promise<void> | undefined;
  return {
    port,
    url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`,
    readiness,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** An occupied or forbidden port is an operator's fix, so it becomes a UserError naming HTTP_PORT. */
function listenError(e: NodeJS.ErrnoException, port: number, host: string): Error {
  if (e.code === 'EADDRINUSE') {
    return new UserError(
      'HTTP_PORT_IN_USE',
      `HTTP_PORT=${port}: port ${port} on ${host} is already in use (another briefbot or another service is listening there). Stop it, or set HTTP_PORT to a free port (0 picks any free port).`,
    );
  }
  if (e.code === 'EACCES') {
    return new UserError(
      'HTTP_PORT_DENIED',
      `HTTP_PORT=${port}: not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges the bot does not run with). Set HTTP_PORT to 1024 or above.`,
    );
  }
  if (e.code === 'EADDRNOTAVAIL') {
    return new UserError(
      'HTTP_HOST_UNAVAILABLE',
      `HTTP_HOST=${host}: this machine has no such address to listen on. Use 0.0.0.0 (all interfaces) or 127.0.0.1.`,
    );
  }
  return e;
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: Metrics,
  readiness: Readiness,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed\n');
  }
  switch (path) {
    case '/healthz':
      // Alive means the event loop answers; nothing else is checked, or a store outage would get the process killed.
      return send(res, 200, 'ok\n');
    case '/readyz': {
      const { ready, reasons } = await readiness.evaluate();
      return send(res, ready ? 200 : 503, ready ? 'ready\n' : `not ready:\n${reasons.map((r) => `- ${r}\n`).join('')}`);
    }
    case '/metrics':
      return send(res, 200, await metrics.text(), metrics.contentType);
    default:
      return send(res, 404, 'not found: try /healthz, /readyz or /metrics\n');
  }
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
