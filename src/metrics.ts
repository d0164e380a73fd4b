import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DispatchObserver } from './core/bot.js';

/** The bot's Prometheus metrics, on a registry of its own so several bots (or tests) in one process never collide. */
export interface Metrics {
  readonly registry: Registry;
  /** Matches Bot.observe: `bot.observe(metrics.commandObserved)`. */
  commandObserved: DispatchObserver;
  /** A digest run reached a state (posted, failed, missed, skipped, retry…). */
  digestRun(state: string): void;
  /** Articles ingested with a status (added, updated, skipped, rejected…). */
  ingested(status: string, n?: number): void;
  /** One LLM request finished with an outcome (ok, timeout, rate_limited, error…). */
  llmCall(outcome: string): void;
  /** A reply fell back to the extractive path, and why (timeout, budget, no_valid_claims…). */
  llmFallback(reason: string): void;
  /** Tokens used by LLM requests. */
  tokens(n: number): void;
  /** One feed poll ended: counted by feed id (never its URL), outcome, error kind and articles. */
  feedPolled(poll: FeedPollEvent): void;
  /** The Prometheus text exposition. */
  text(): Promise<string>;
  readonly contentType: string;
}

/** What the metrics keep of a feed poll (src/feeds/poll-feed.ts PollReport). */
export interface FeedPollEvent {
  feedId: number;
  outcome: string;
  added: number;
  updated: number;
  error?: { kind: string };
  ms: number;
}

export interface MetricsOptions {
  /** Default Node metrics (event-loop lag, heap, GC, handles); off only for tiny tests. */
  defaultMetrics?: boolean;
}

/**
 * Label values come from code, but a few (the command name of an unknown command, a state string)
 * could carry user text; each distinct value is a new time series, so they are squeezed into a
 * short identifier and unknown commands share one label.
 */
function label(value: string | undefined): string {
  const s = (value ?? 'none')
    .toLowerCase()
    .replace(/[^a-z0-9_:-]+/g, '_')
    .slice(0, 40);
  return s || 'none';
}

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const commands = new Counter({
    name: 'commands_total',
    help: 'Commands handled, by platform, command and outcome',
    labelNames: ['platform', 'command', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'command_duration_seconds',
    help: 'Time from dispatch to reply, by platform and command',
    labelNames: ['platform', 'command'],
    // Chat deadlines are 3 s for the acknowledgement; LLM answers may take up to the LLM timeout.
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30],
    registers: [registry],
  });
  const digestRuns = new Counter({
    name: 'digest_runs_total',
    help: 'Digest runs by the state they reached',
    labelNames: ['state'],
    registers: [registry],
  });
  const ingest = new Counter({
    name: 'ingest_articles_total',
    help: 'Articles ingested, by status',
    labelNames: ['status'],
    registers: [registry],
  });
  const llmCalls = new Counter({
    name: 'llm_calls_total',
    help: 'LLM requests, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const llmFallbacks = new Counter({
    name: 'llm_fallbacks_total',
    help: 'Replies that fell back to the extractive path, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const llmTokens = new Counter({
    name: 'llm_tokens_total',
    help: 'Tokens used by LLM requests',
    registers: [registry],
  });
  // Feeds are labelled by their numeric id: a URL is user text of any length (and may carry tokens).
  const feedPolls = new Counter({
    name: 'feed_polls_total',
    help: 'Feed polls by feed id and outcome (ok, not_modified = HTTP 304, error, ...)',
    labelNames: ['feed', 'outcome'],
    registers: [registry],
  });
  const feedErrors = new Counter({
    name: 'feed_errors_total',
    help: 'Failed feed polls by feed id and kind (http, timeout, not_feed, ...)',
    labelNames: ['feed', 'kind'],
    registers: [registry],
  });
  const feedArticles = new Counter({
    name: 'feed_articles_total',
    help: 'Articles feeds brought, by feed id and status (added, updated)',
    labelNames: ['feed', 'status'],
    registers: [registry],
  });
  const feedPollSeconds = new Histogram({
    name: 'feed_poll_duration_seconds',
    help: 'Time of one feed poll, request to stored articles',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60],
    registers: [registry],
  });

  return {
    registry,
    contentType: registry.contentType,
    commandObserved: (event) => {
      const command = event.code === 'UNKNOWN_COMMAND' ? 'unknown' : label(event.invocation.command.replace(/^\//, ''));
      const platform = label(event.invocation.platform);
      commands.inc({ platform, command, outcome: event.outcome });
      duration.observe({ platform, command }, event.ms / 1000);
    },
    digestRun: (state) => digestRuns.inc({ state: label(state) }),
    ingested: (status, n = 1) => {
      if (n > 0) ingest.inc({ status: label(status) }, n);
    },
    llmCall: (outcome) => llmCalls.inc({ outcome: label(outcome) }),
    llmFallback: (reason) => llmFallbacks.inc({ reason: label(reason) }),
    tokens: (n) => {
      if (Number.isFinite(n) && n > 0) llmTokens.inc(n);
    },
    feedPolled: (poll) => {
      const feed = String(Math.trunc(poll.feedId));
      feedPolls.inc({ feed, outcome: label(poll.outcome) });
      if (poll.error) feedErrors.inc({ feed, kind: label(poll.error.kind) });
      if (poll.added > 0) feedArticles.inc({ feed, status: 'added' }, poll.added);
      if (poll.updated > 0) feedArticles.inc({ feed, status: 'updated' }, poll.updated);
      feedPollSeconds.observe(poll.ms / 1000);
    },
    text: () => registry.metrics(),
  };
}
