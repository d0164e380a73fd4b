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
  /** Set when the message was posted as a reply in a thread. */
  thread_ts?: string;
  /** The bot token it was posted with (which workspace's bot). */
  token?: string;
  bot_id: string;
  user: string;
}

/** Who a bot token belongs to, as auth.test reports it. */
export interface FakeTeam {
  teamId: string;
  botUserId: string;
  botId: string;
}

/** An OAuth app the fake's oauth.v2.access accepts codes and refresh tokens for. */
export interface FakeOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Install codes, each good once: what installing in a workspace hands back. */
  codes: Map<string, { team: { id: string; name: string }; installer: string; rotate?: boolean }>;
  /** Lifetime of rotating tokens, in seconds (Slack's is 12 hours). */
  expiresIn?: number;
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
  /** The workspace behind each bot token (the default token is workspace T0FAKE's). */
  readonly teams = new Map<string, FakeTeam>([
    ['xoxb-test-token', { teamId: 'T0FAKE', botUserId: 'UBOT', botId: 'BBOT' }],
  ]);
  /** Set to serve oauth.v2.access (the OAuth installer's code exchange and token rotation). */
  oauthApp?: FakeOAuthApp;
  /** Refresh tokens handed out, to the workspace they renew. */
  readonly refreshTokens = new Map<string, string>();
  private issued = 0;
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
      res
        .writeHead(failure.status, headers)
        .end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'service_unavailable' }));
      return;
    }
    if (failure)
      return json(res, { ok: false, error: failure.error, ...(failure.needed ? { needed: failure.needed } : {}) });
    json(res, this.answer(method, args, token));
  }

  private answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    if (method === 'apps.connections.open') {
      if (!token || !this.appTokens.has(token)) return { ok: false, error: 'invalid_auth' };
      if (!this.socketUrl) return { ok: false, error: 'internal_error' };
      return { ok: true, url: this.socketUrl() };
    }
    if (method === 'oauth.v2.access') return this.oauthAccess(args);
    if (!token || !this.botTokens.has(token)) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    const team = this.teams.get(token) ?? { teamId: 'T0FAKE', botUserId: 'UBOT', botId: 'BBOT' };
    if (this.missingScopes.has(method))
      return { ok: false, error: 'missing_scope', needed: 'channels:history', provided: 'commands,chat:write' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'briefbot',
          team_id: team.teamId,
          user_id: team.botUserId,
          bot_id: team.botId,
        };
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
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          token,
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

  /** Revokes a bot token, as uninstalling does. */
  revoke(token: string): void {
    this.botTokens.delete(token);
  }

  /**
   * oauth.v2.access as Slack answers it: an install code (once) or a refresh token (token
   * rotation) for a new bot token, with the client's id and secret checked.
   */
  private oauthAccess(args: Record<string, unknown>): Record<string, unknown> {
    const app = this.oauthApp;
    if (!app || args.client_id !== app.clientId || args.client_secret !== app.clientSecret)
      return { ok: false, error: 'invalid_client_id' };
    let teamId: string;
    let installer = 'U0INSTALLER';
    let rotate = false;
    if (args.grant_type === 'refresh_token') {
      const from = this.refreshTokens.get(String(args.refresh_token));
      if (!from) return { ok: false, error: 'invalid_refresh_token' };
      this.refreshTokens.delete(String(args.refresh_token));
      teamId = from;
      rotate = true;
    } else {
      const grant = app.codes.get(String(args.code));
      if (!grant) return { ok: false, error: 'invalid_code' };
      app.codes.delete(String(args.code));
      teamId = grant.team.id;
      installer = grant.installer;
      rotate = Boolean(grant.rotate);
    }
    const n = ++this.issued;
    const token = `xoxb-${teamId}-${n}`;
    this.botTokens.add(token);
    this.teams.set(token, { teamId, botUserId: `UBOT${teamId}`, botId: `BBOT${teamId}` });
    const refresh = rotate ? `xoxe-1-${teamId}-${n}` : undefined;
    if (refresh) this.refreshTokens.set(refresh, teamId);
    return {
      ok: true,
      app_id: 'A0FAKE',
      authed_user: { id: installer },
      scope: 'commands,chat:write,channels:history,app_mentions:read,im:history',
      token_type: 'bot',
      access_token: token,
      bot_user_id: `UBOT${teamId}`,
      team: { id: teamId, name: `Team ${teamId}` },
      enterprise: null,
      is_enterprise_install: false,
      ...(refresh ? { refresh_token: refresh, expires_in: app.expiresIn ?? 43_200 } : {}),
    };
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
