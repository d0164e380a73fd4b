import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** Slack's replay window: requests whose timestamp is further than this from our clock are refused. */
const MAX_SKEW_SEC = 5 * 60;

/**
 * Bolt's verifier refuses timestamps more than five minutes *old* but accepts any future one;
 * Slack's guidance is "more than five minutes away" either way. This puts a check in front of
 * Bolt's request listener on the server it created, answering 401 like Bolt does. Everything
 * else (signature, missing headers, body parsing) stays Bolt's job.
 */
export function guardTimestampWindow(server: Server, logger: Logger, now: () => number = Date.now): void {
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-slack-request-timestamp'];
    const ts = typeof header === 'string' ? Number(header) : NaN;
    if (req.method === 'POST' && Number.isFinite(ts) && Math.abs(now() / 1000 - ts) > MAX_SKEW_SEC) {
      logger.warn(
        { skewSec: Math.round(ts - now() / 1000) },
        'slack request refused: timestamp outside the 5-minute window',
      );
      req.resume();
      res.writeHead(401).end();
      return;
    }
    for (const l of listeners) l.call(server, req, res);
  });
}
