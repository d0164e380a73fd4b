/**
 * A local stand-in for Discord's REST API v10, on loopback. It answers the routes discord.js and
 * @discordjs/rest use in our tests, records every request, and can be told to answer a route with a
 * 429 (with `retry_after` and `Retry-After`, as Discord does) or with Discord's JSON errors.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nextSnowflake } from './discord-payloads.js';
import { commandProblems, messageProblems } from './discord-validate.js';

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. "/channels/1/messages". */
  path: string;
  query: URLSearchParams;
  body: any;
  authorization?: string;
  /** The status the stand-in answered with (0: never answered). */
  status: number;
  /** When it arrived (ms since epoch). */
  at: number;
}

interface CannedError {
  status: number;
  code: number;
  message: string;
}

/** Discord's own error texts for the cases the bot must classify. */
export const DISCORD_ERRORS = {
  missingAccess: { status: 403, code: 50001, message: 'Missing Access' },
  missingPermissions: { status: 403, code: 50013, message: 'Missing Permissions' },
  unknownChannel: { status: 404, code: 10003, message: 'Unknown Channel' },
  serverError: { status: 502, code: 0, message: 'Bad Gateway' },
  /** Not an answer: the request is left hanging. */
  hang: { status: 0, code: 0, message: '' },
} satisfies Record<string, CannedError>;

type Handler = (
  req: RecordedRequest,
  params: string[],
) => { status: number; body?: unknown; headers?: Record<string, string> };

export class FakeDiscordRest {
  readonly requests: RecordedRequest[] = [];
  /** Registered application commands by scope: "global" or a guild id. */
  readonly commands = new Map<string, Map<string, any>>();
  /** Messages by channel id, oldest first (interaction responses live under "webhook:<token>"). */
  readonly messages = new Map<string, any[]>();
  /** Errors a channel answers with on every request (missing access, unknown channel…). */
  readonly channelErrors = new Map<string, CannedError>();
  /** Gateway address /gateway/bot hands out; set once the gateway listens. */
  gatewayUrl = 'ws://127.0.0.1:1';
  private readonly pending429 = new Map<string, number[]>();
  /** Interaction ids that have had their initial response. */
  private readonly acknowledged = new Set<string>();
  /** HTTP interactions whose initial response is on its way back, by token. */
  private readonly httpPending = new Map<string, Promise<void>>();
  private readonly waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  private server?: Server;
  private readonly routes: [string, RegExp, Handler][] = [];

  constructor(
    readonly token: string,
    readonly appId: string,
    readonly botUser = {
      id: appId,
      username: 'briefbot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
  ) {
    this.defineRoutes();
  }

  /** The REST base to hand to the client (`api` option / DISCORD_API_URL); the client appends /v10. */
  get apiUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The next `times` requests whose "METHOD path" matches get a 429 asking to wait `retryAfterSec`. */
  rateLimit(method: string, path: string, retryAfterSec: number, times = 1): void {
    const key = `${method} ${path}`;
    this.pending429.set(key, [...(this.pending429.get(key) ?? []), ...Array(times).fill(retryAfterSec)]);
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(match: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  find(method: string, pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  /**
   * An interaction this fake (as Discord) is about to POST to the bot's HTTP endpoint: its initial
   * response comes back as the HTTP response rather than through the callback route. Returns what
   * to call with that response; until then, edits of the original wait, as they do on Discord,
   * which has the response before any edit that follows it.
   */
  expectHttpResponse(interaction: { id: string; token: string }): (response: any) => void {
    let done!: () => void;
    this.httpPending.set(interaction.token, new Promise<void>((r) => (done = r)));
    return (response) => {
      const type = response?.type;
      if (type === 4 || type === 5)
        this.storeMessage(`webhook:${interaction.token}`, { ...(response.data ?? {}), id: 'original' });
      this.acknowledged.add(interaction.id);
      done();
    };
  }

  /** Rejects what Discord would reject: over-limit messages, malformed commands. */
  private validate(rec: RecordedRequest): string[] {
    if (rec.method === 'GET' || rec.method === 'DELETE') return [];
    if (/\/commands(\/\d+)?$/.test(rec.path)) {
      if (rec.method === 'PATCH' && !rec.body?.name) return [];
      return rec.method === 'PUT' ? (rec.body as any[]).flatMap(commandProblems) : commandProblems(rec.body);
    }
    if (rec.path.endsWith('/callback'))
      return rec.body?.data && rec.body.type !== 8 ? messageProblems(rec.body.data) : [];
    return messageProblems(rec.body);
  }

  private notify(rec: RecordedRequest): void {
    for (const w of [...this.waiters]) {
      if (w.match(rec)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(rec);
      }
    }
  }

  private route(method: string, pattern: string, handler: Handler): void {
    const re = new RegExp(`^${pattern.replace(/:[a-z]+/g, '([^/]+)')}$`);
    this.routes.push([method, re, handler]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const token = /^\/webhooks\/[^/]+\/([^/]+)/.exec(path)?.[1];
    const pending = token ? this.httpPending.get(token) : undefined;
    if (pending) await Promise.race([pending, new Promise((r) => setTimeout(r, 2_000))]);
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body: parseBody(text, req.headers['content-type']),
      authorization: req.headers.authorization,
      status: 0,
      at: Date.now(),
    };
    const out = this.answer(rec);
    if (out.status === 0) {
      // A channel told to hang: record the request and never answer (the client must time out).
      this.requests.push(rec);
      this.notify(rec);
      return;
    }
    rec.status = out.status;
    this.requests.push(rec);
    this.notify(rec);
    const headers: Record<string, string> = { ...out.headers };
    if (out.body !== undefined) headers['content-type'] = 'application/json';
    res.writeHead(out.status, headers);
    res.end(out.body === undefined ? undefined : JSON.stringify(out.body));
  }

  private answer(rec: RecordedRequest): ReturnType<Handler> {
    if (!rec.path.startsWith('/')) return { status: 404, body: { message: '404: Not Found', code: 0 } };
    const waits = this.pending429.get(`${rec.method} ${rec.path}`);
    if (waits?.length) {
      const retryAfter = waits.shift()!;
      // Discord sends the wait twice: seconds (float) in the body, whole seconds in the header.
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        headers: {
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfter),
          'x-ratelimit-bucket': 'fakebucket',
          'x-ratelimit-scope': 'user',
        },
      };
    }
    for (const [method, re, handler] of this.routes) {
      const m = re.exec(rec.path);
      if (m && method === rec.method) {
        const open = rec.path.startsWith('/interactions/') || rec.path.startsWith('/webhooks/');
        if (!open && rec.authorization !== `Bot ${this.token}`)
          return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
        const problems = this.validate(rec);
        if (problems.length)
          return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: problems } };
        return handler(rec, m.slice(1));
      }
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private defineRoutes(): void {
    this.route('GET', '/gateway/bot', () => ({
      status: 200,
      body: {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      },
    }));
    this.route('GET', '/users/@me', () => ({ status: 200, body: this.botUser }));
    for (const [prefix, scopeOf] of [
      ['/applications/:app/commands', () => 'global'],
      ['/applications/:app/guilds/:guild/commands', (p: string[]) => p[1]],
    ] as const) {
      this.route('GET', prefix, (_r, p) => ({ status: 200, body: [...this.scope(scopeOf(p)).values()] }));
      this.route('POST', prefix, (r, p) => ({ status: 201, body: this.saveCommand(scopeOf(p), p, r.body) }));
      this.route('PUT', prefix, (r, p) => {
        this.scope(scopeOf(p)).clear();
        return { status: 200, body: (r.body as any[]).map((c) => this.saveCommand(scopeOf(p), p, c)) };
      });
      this.route('PATCH', `${prefix}/:id`, (r, p) => {
        const id = p[p.length - 1];
        const old = this.scope(scopeOf(p)).get(id);
        if (!old) return { status: 404, body: { message: 'Unknown application command', code: 10063 } };
        return { status: 200, body: this.saveCommand(scopeOf(p), p, { ...old, ...r.body, id }) };
      });
      this.route('DELETE', `${prefix}/:id`, (_r, p) => {
        const deleted = this.scope(scopeOf(p)).delete(p[p.length - 1]);
        return deleted
          ? { status: 204 }
          : { status: 404, body: { message: 'Unknown application command', code: 10063 } };
      });
    }
    this.route('POST', '/interactions/:id/:token/callback', (r, p) => {
      // Discord takes one initial response per interaction; a second (another replica's) is refused.
      if (this.acknowledged.has(p[0]))
        return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
      this.acknowledged.add(p[0]);
      const type = r.body?.type;
      if (type === 4 || type === 5) this.storeMessage(`webhook:${p[1]}`, { ...(r.body.data ?? {}), id: 'original' });
      return { status: 204 };
    });
    this.route('PATCH', '/webhooks/:app/:token/messages/:mid', (r, p) => {
      const list = this.messages.get(`webhook:${p[1]}`) ?? [];
      const id = p[2] === '@original' ? 'original' : p[2];
      const msg = list.find((m) => m.id === id);
      if (!msg) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      Object.assign(msg, r.body, { edited_timestamp: new Date().toISOString() });
      return { status: 200, body: msg };
    });
    this.route('POST', '/webhooks/:app/:token', (r, p) => ({
      status: 200,
      body: this.storeMessage(`webhook:${p[1]}`, r.body),
    }));
    this.route('POST', '/channels/:channel/messages', (r, p) => {
      const err = this.channelErrors.get(p[0]);
      if (err)
        return err.status === 0
          ? { status: 0 }
          : { status: err.status, body: { message: err.message, code: err.code } };
      return { status: 200, body: this.storeMessage(p[0], r.body), headers: bucketHeaders() };
    });
    this.route('GET', '/channels/:channel/messages', (r, p) => {
      const err = this.channelErrors.get(p[0]);
      if (err) return { status: err.status, body: { message: err.message, code: err.code } };
      const limit = Number(r.query.get('limit') ?? 50);
      return { status: 200, body: [...(this.messages.get(p[0]) ?? [])].reverse().slice(0, limit) };
    });
  }

  private scope(name: string): Map<string, any> {
    if (!this.commands.has(name)) this.commands.set(name, new Map());
    return this.commands.get(name)!;
  }

  /** Stores a command the way Discord echoes it: with ids, a version and its defaults filled in. */
  private saveCommand(scope: string, params: string[], body: any): any {
    const existing = [...this.scope(scope).values()].find((c) => c.name === body.name);
    const id = body.id ?? existing?.id ?? nextSnowflake();
    const saved = {
      type: 1,
      nsfw: false,
      dm_permission: true,
      default_member_permissions: null,
      integration_types: [0],
      contexts: null,
      ...body,
      options: body.options?.map(withOptionDefaults),
      id,
      application_id: params[0],
      ...(scope === 'global' ? {} : { guild_id: scope }),
      version: nextSnowflake(),
    };
    if (!saved.options) delete saved.options;
    this.scope(scope).set(id, saved);
    return saved;
  }

  private storeMessage(channelId: string, body: any): any {
    const msg = {
      id: body.id ?? nextSnowflake(),
      channel_id: channelId.startsWith('webhook:') ? '0' : channelId,
      type: 0,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: body.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      author: this.botUser,
      allowed_mentions: body.allowed_mentions,
    };
    const list = this.messages.get(channelId) ?? [];
    list.push(msg);
    this.messages.set(channelId, list);
    return msg;
  }
}

/** The stored form differs from what was sent (defaults spelled out), as it does on Discord. */
function withOptionDefaults(o: any): any {
  const isGroup = o.type === 1 || o.type === 2;
  return {
    ...(isGroup ? {} : { required: false }),
    ...o,
    ...(o.options ? { options: o.options.map(withOptionDefaults) } : {}),
  };
}

function bucketHeaders(): Record<string, string> {
  return {
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '4',
    'x-ratelimit-reset-after': '5',
    'x-ratelimit-bucket': 'fakebucket',
  };
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (contentType?.includes('application/json')) return JSON.parse(text);
  // Multipart (files) is not used by the bot; keep the raw text so a test can still look at it.
  return text;
}
