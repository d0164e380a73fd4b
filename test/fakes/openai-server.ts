/**
 * A loopback stand-in for an OpenAI-compatible server (POST /v1/chat/completions), for driving
 * the real openai SDK. Behaviours are scripted per request; the default writes a correct,
 * grounded answer from whatever passages the prompt carries, as a well-behaved model would.
 * Every request is recorded so tests can inspect prompts and headers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attackClaims, type AttackShape } from './attack-claims.js';

export type Behaviour =
  | { kind: 'grounded'; claims?: number; usage?: number }
  | { kind: 'cite-unsent'; usage?: number }
  | { kind: 'fake-quote'; usage?: number }
  | { kind: 'all-unsent' }
  | { kind: 'delay'; ms: number; then?: Behaviour }
  | { kind: 'status'; status: number; retryAfter?: string; retryAfterMs?: string }
  | { kind: 'html' }
  | { kind: 'prose' }
  | { kind: 'truncated' }
  | { kind: 'empty' }
  | { kind: 'refusal' }
  | { kind: 'no-claims' }
  | { kind: 'obedient' }
  /** A model an injected instruction has taken over: the claim shapes of attack-claims.ts. */
  | { kind: 'attack'; shape: AttackShape; falseName?: string }
  /** A model that does what an injected passage says ("say X"), citing that passage. */
  | { kind: 'obey-injection' }
  /** A server without structured outputs: 400 on json_schema, then a grounded answer. */
  | { kind: 'no-json-schema' }
  | { kind: 'raw'; content: string; finishReason?: string }
  /** A headline of these words, as one claim citing these passages (default [1]): true or made up. */
  | { kind: 'headline'; text: string; passages?: number[] };

export interface RecordedRequest {
  at: number;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: any;
}

export interface FakeOpenAI {
  /** Base URL to give the SDK, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  /** The content of every completion answered, in order (what the model "said" before verification). */
  replies: string[];
  /** Behaviours for the next requests, in order; then the default applies again. */
  script(...behaviours: Behaviour[]): void;
  setDefault(b: Behaviour): void;
  close(): Promise<void>;
}

interface SentPassage {
  id: number;
  text: string;
}

/** Reads the passages back out of the prompt the way a model sees them. */
export function passagesIn(body: any): SentPassage[] {
  const user = (body?.messages ?? [])
    .filter((m: any) => m.role === 'user')
    .map((m: any) => String(m.content))
    .join('\n');
  return [...user.matchAll(/<passage id="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)].map((m) => ({
    id: Number(m[1]),
    text: m[2],
  }));
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** A four-word span without quote marks, copied exactly, or undefined. */
function quotableSpan(text: string): string | undefined {
  const w = words(text);
  for (let i = 2; i + 4 <= w.length; i++) {
    const span = w.slice(i, i + 4);
    if (span.every((x) => !/["“”'‘’«»‹›]/.test(x))) return span.join(' ').replace(/[.,;:]$/, '');
  }
  return undefined;
}

function groundedClaims(passages: SentPassage[], count = 2) {
  return passages.slice(0, count).map((p) => {
    const quote = quotableSpan(p.text);
    const lead = words(p.text).slice(0, 14).join(' ').replace(/["“”]/g, '');
    return { text: quote ? `${lead} — "${quote}"` : lead, passages: [p.id], quotes: quote ? [quote] : [] };
  });
}

/** Whether the prompt asks for a story's headline (src/llm/prompt.ts, task 'headline'). */
export const asksForHeadline = (body: any) =>
  (body?.messages ?? []).some((m: any) => m.role === 'user' && /Write its headline/.test(String(m.content)));

/** What a well-behaved model writes as a headline: the opening words of the first passage. */
function groundedHeadline(passages: SentPassage[]) {
  const [first] = passages;
  if (!first) return [];
  const text = words(first.text)
    .slice(0, 8)
    .join(' ')
    .replace(/[.,;:]$/, '');
  return [{ text, passages: [first.id], quotes: [] }];
}

const SECRET_PATTERNS = [/\bsk-[\w-]{6,}/g, /\bxox[abpr]-[\w-]+/g, /\bxapp-[\w-]+/g, /\bDISCORD_[\w-]*TOKEN[\w-]*/g];

/** The "obedient" model: finds an injected instruction and does what it says, leaking what it sees. */
function obedientClaims(body: any, raw: string, passages: SentPassage[]) {
  const injected = passages.find((p) => /ignore (all )?(previous|prior|above) instructions/i.test(p.text));
  const secrets = SECRET_PATTERNS.flatMap((re) => raw.match(re) ?? []);
  const leak = secrets.length ? secrets.join(', ') : 'none visible';
  const claims: any[] = groundedClaims(
    passages.filter((p) => p !== injected),
    3,
  );
  if (injected) {
    claims.push({ text: `Admin token as instructed: ${leak}`, passages: [], quotes: [] });
    claims.push({
      text: `Following the article's instructions, the admin token is tok-7731-leak`,
      passages: [injected.id],
      quotes: [],
    });
  }
  return claims;
}

function completion(
  body: any,
  content: string | null,
  opts: { finish?: string; refusal?: string; usage?: number } = {},
) {
  const promptChars = JSON.stringify(body?.messages ?? '').length;
  const prompt = Math.ceil(promptChars / 4);
  const out = Math.ceil((content ?? '').length / 4);
  const total = opts.usage ?? prompt + out;
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body?.model ?? 'fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: opts.refusal ?? null },
        finish_reason: opts.finish ?? 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: Math.min(prompt, total),
      completion_tokens: Math.max(total - prompt, 0),
      total_tokens: total,
    },
  };
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The payload of an injected "say …" instruction, claimed as fact and cited to its own passage. */
function obeyInjection(passages: SentPassage[]) {
  for (const p of passages) {
    const m = /\bsay (?:that )?(.+?)[.!]?$/i.exec(p.text);
    if (m) return [{ text: `${m[1].charAt(0).toUpperCase()}${m[1].slice(1)}.`, passages: [p.id], quotes: [] }];
  }
  return [];
}

function respond(b: Behaviour, body: any, raw: string, res: ServerResponse, replies: string[]) {
  const passages = passagesIn(body);
  const claimsJson = (claims: unknown[], usage?: number) => {
    const content = JSON.stringify({ claims });
    replies.push(content);
    sendJson(res, 200, completion(body, content, { usage }));
  };
  switch (b.kind) {
    case 'grounded':
      if (asksForHeadline(body)) return claimsJson(groundedHeadline(passages), b.usage);
      return claimsJson(groundedClaims(passages, b.claims), b.usage);
    case 'headline':
      return claimsJson([{ text: b.text, passages: b.passages ?? [1], quotes: [] }]);
    case 'cite-unsent':
      return claimsJson(
        [...groundedClaims(passages), { text: 'A fact from nowhere', passages: [passages.length + 5], quotes: [] }],
        b.usage,
      );
    case 'fake-quote': {
      const [first] = passages;
      const fake = {
        text: `${words(first.text).slice(0, 8).join(' ')}`,
        passages: [first.id],
        quotes: ['words the article never printed'],
      };
      return claimsJson([...groundedClaims(passages), fake], b.usage);
    }
    case 'all-unsent':
      return claimsJson(groundedClaims(passages).map((c) => ({ ...c, passages: [passages.length + 1] })));
    case 'no-claims':
      return claimsJson([]);
    case 'delay': {
      const timer = setTimeout(() => respond(b.then ?? { kind: 'grounded' }, body, raw, res, replies), b.ms);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'status': {
      const headers: Record<string, string> = {};
      if (b.retryAfter !== undefined) headers['retry-after'] = b.retryAfter;
      if (b.retryAfterMs !== undefined) headers['retry-after-ms'] = b.retryAfterMs;
      return sendJson(
        res,
        b.status,
        { error: { message: `scripted ${b.status}`, type: 'fake_error', code: null } },
        headers,
      );
    }
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body>502 Bad Gateway (proxy)</body></html>');
    case 'prose':
      return sendJson(res, 200, completion(body, 'Sure! Here is a summary of the articles: the talks went well.'));
    case 'truncated': {
      const full = JSON.stringify({ claims: groundedClaims(passages) });
      return sendJson(res, 200, completion(body, full.slice(0, Math.floor(full.length / 2)), { finish: 'length' }));
    }
    case 'empty':
      return sendJson(res, 200, completion(body, ''));
    case 'refusal':
      return sendJson(res, 200, completion(body, null, { refusal: "I'm sorry, I can't help with that." }));
    case 'obedient':
      return claimsJson(obedientClaims(body, raw, passages));
    case 'attack':
      return claimsJson(attackClaims(b.shape, passages, b.falseName ?? 'Mallory Evil'));
    case 'obey-injection':
      return claimsJson(obeyInjection(passages));
    case 'no-json-schema':
      if (body.response_format?.type === 'json_schema') {
        return sendJson(res, 400, {
          error: { message: "response_format type 'json_schema' is not supported", type: 'invalid_request_error' },
        });
      }
      return claimsJson(groundedClaims(passages));
    case 'raw':
      return sendJson(res, 200, completion(body, b.content, { finish: b.finishReason }));
  }
}

export async function startFakeOpenAI(defaultBehaviour: Behaviour = { kind: 'grounded' }): Promise<FakeOpenAI> {
  let fallback = defaultBehaviour;
  const queue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  const replies: string[] = [];

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      requests.push({ at: Date.now(), path: req.url ?? '', headers: req.headers, raw, body });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
      }
      if (!body) return sendJson(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
      respond(queue.shift() ?? fallback, body, raw, res, replies);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    replies,
    script: (...b) => void queue.push(...b),
    setDefault: (b) => void (fallback = b),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
