/**
 * Discord over HTTP: POST /discord/interactions, verified with Ed25519, answered by the same code
 * as gateway interactions. The first response is this request's HTTP response; edits and
 * follow-ups go through the interaction webhook afterwards, as Discord expects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIInteraction, APIInteractionResponse, REST } from 'discord.js';
import type { Logger } from 'pino';
import { answerInteraction, type AnswerContext } from './answer.js';
import { interactionVerifier } from './ed25519.js';
import { webhookCalls, type InteractionResponder } from './responder.js';

export const INTERACTIONS_PATH = '/discord/interactions';
/** Interactions are a few kilobytes; anything far larger is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpInteractionsDeps {
  publicKey: string;
  rest: REST;
  logger: Logger;
  /** Registers the answer as work owed (shutdown waits for it). */
  track(work: Promise<unknown>): void;
  /** False once shutdown has begun: new interactions get the "restarting" reply. */
  accepting(): boolean;
  /** Undefined until the adapter has started (requests are answered 503 until then). */
  context(): AnswerContext | undefined;
  now?: () => number;
}

/** A request handler for POST /discord/interactions, usable on any node:http server (ours, or Bolt's). */
export function httpInteractions(deps: HttpInteractionsDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const verified = interactionVerifier(deps.publicKey, deps.now);
  const send = (res: ServerResponse, status: number, body?: unknown) =>
    new Promise<void>((resolve) => {
      if (body === undefined) res.writeHead(status).end(resolve);
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body), resolve);
    });

  return (req, res) => {
    void (async () => {
      if (req.method !== 'POST') return send(res, 405);
      const body = await readBody(req).catch(() => undefined);
      if (!body) return send(res, 413);
      const signature = header(req, 'x-signature-ed25519');
      const timestamp = header(req, 'x-signature-timestamp');
      if (!verified(timestamp, signature, body)) {
        deps.logger.warn(
          { signature: Boolean(signature), timestamp: Boolean(timestamp) },
          'discord interaction refused: bad or missing signature',
        );
        return send(res, 401, { error: 'invalid request signature' });
      }
      let interaction: APIInteraction;
      try {
        interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      const ctx = deps.context();
      if (!ctx) return send(res, 503, { error: 'starting' });
      let first: (r: APIInteractionResponse) => void = () => undefined;
      const initial = new Promise<APIInteractionResponse>((resolve) => (first = resolve));
      let flushed: Promise<void> | undefined;
      let answered = false;
      const respond: InteractionResponder = {
        ...webhookCalls(deps.rest, interaction),
        get answered() {
          return answered;
        },
        async initial(r) {
          if (answered) throw new Error('interaction already answered');
          answered = true;
          first(r);
          // Edits and follow-ups wait until Discord has the first response.
          await (flushed ??= initial.then((x) => send(res, 200, x)));
        },
      };
      const work = answerInteraction(ctx, interaction, respond, deps.accepting());
      deps.track(work);
      // A kind of interaction this bot does not handle gets no initial response from the work.
      await Promise.race([initial, work]);
      if (!answered) await send(res, 400, { error: 'unsupported interaction type' });
      else await (flushed ??= initial.then((x) => send(res, 200, x)));
    })().catch((err: unknown) => {
      deps.logger.error({ err }, 'discord http interaction failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
