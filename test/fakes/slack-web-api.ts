import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the fake received it. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
}

/** A message the fake holds for a channel (what chat.postMessage created). */
export interface FakeMessage {
  ts: string;
  channel: string;
  text?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  bot_id: string;
  user: string;
}

type Failure = { status: 429; retryAfter: number } | { status: number } | { error: string; needed?: string };

/**
 * A local stand-in for https://slack.com/api/: the real @slack/web-api client talks to it over
 * loopback (SLACK_API_URL). It answers the way Slack does — HTTP 200 with `ok:false` for
 * platform errors, 429 with Retry-After for rate limits — and records every call.
 */
export class FakeSlackWebApi {
  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly botTokens = new Set(['xoxb-test-token']);
  readonly appTokens = new Set(['xapp-test-token']);
  /** Persistent per-channel errors for chat.postMessage (e.g. not_in_channel). */
  readonly channelErrors = new Map<string, string>();
  /** Methods answered `missing_scope` (e.g. conversations.history without channels:history). */
  readonly missingScopes = new Set<string>();
  /** What apps.connections.open hands out; set by the Socket Mode fake. */
  socketUrl?: () => string;
  private readonly scripted = new Map<string, Failure[]>();
  private seq = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlackWebApi> {
    let fake!: FakeSlackWebApi;
    const server = createServer((req, res) => void fake.handle(req, res));
    fake = new FakeSlackWebApi(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return fake;
  }

  /** Base URL to give the client as slackApiUrl / SLACK_API_URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  /** The next call(s) to `method` fail this way, in order. */
  failNext(method: string, ...failures: Failure[]): void {
    this.scripted.set(method, [...(this.scripted.get(method) ?? []), ...failures]);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  postedTo(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const raw = await readBody(req);
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    const token = auth || (typeof args.token === 'string' ? args.token : undefined);
    this.calls.push({ method, args, token });
    const failure = this.scripted.get(method)?.shift();
    if (failure && 'status' in failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if ('retryAfter' in failure) headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(failure.status, headers).end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'service_unavailable' }));
      return;
    }
    if (failure) return json(res, { ok: false, error: failure.error, ...(failure.needed ? { needed: failure.needed } : {}) });
    json(res, this.answer(method, args, token));
  }

  private answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    if (method === 'apps.connections.open') {
      if (!token || !this.appTokens.has(token)) return { ok: false, error: 'invalid_auth' };
      if (!this.socketUrl) return { ok: false, error: 'internal_error' };
      return { ok: true, url: this.socketUrl() };
    }
    if (!token || !this.botTokens.has(token)) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    if (this.missingScopes.has(method)) return { ok: false, error: 'missing_scope', needed: 'channels:history', provided: 'commands,chat:write' };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'briefbot', team_id: 'T0FAKE', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        const channel = String(args.channel ?? '');
        const error = this.channelErrors.get(channel);
        if (error) return { ok: false, error };
        const msg: FakeMessage = {
          ts: this.nextTs(),
          channel,
          text: args.text as string | undefined,
          blocks: args.blocks as unknown[] | undefined,
          metadata: args.metadata as FakeMessage['metadata'],
          bot_id: 'BBOT',
          user: 'UBOT',
        };
        this.messages.push(msg);
        return { ok: true, channel, ts: msg.ts, message: msg };
      }
      case 'chat.postEphemeral': {
        const channel = String(args.channel ?? '');
        const error = this.channelErrors.get(channel);
        if (error) return { ok: false, error };
        return { ok: true, message_ts: this.nextTs() };
      }
      case 'conversations.history': {
        const channel = String(args.channel ?? '');
        const limit = Number(args.limit ?? 100);
        const withMeta = String(args.include_all_metadata) === 'true';
        const msgs = this.postedTo(channel)
          .slice()
          .reverse()
          .slice(0, limit)
          .map(({ metadata, ...m }) => ({ type: 'message', ...m, ...(withMeta && metadata ? { metadata } : {}) }));
        return { ok: true, messages: msgs, has_more: false };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private nextTs(): string {
    this.seq += 1;
    return `1700000000.${String(this.seq).padStart(6, '0')}`;
  }
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const JSON_FIELDS = new Set(['blocks', 'metadata', 'attachments']);

/** The client sends form fields, with objects (blocks, metadata) as JSON strings; some calls send JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = JSON_FIELDS.has(k) ? tryJson(v) : v;
  }
  return out;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
