import { isatty } from 'node:tty';
import pino, { type DestinationStream, type Logger } from 'pino';

/** Keys whose values are credentials wherever they appear in a logged object. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'apiKey',
  'password',
  'authorization',
  'databaseUrl',
  'secret',
  'clientSecret',
  'cookie',
  'DATABASE_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'DISCORD_TOKEN',
  'OPENAI_API_KEY',
];

/**
 * pino's redaction matches fixed paths, not "anywhere", so each key is listed at the depths where
 * objects are logged in practice: `{ config }` puts a token three levels down (config.slack.botToken).
 */
const REDACT = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
  'headers.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'req.headers.cookie',
];

export interface LogOptions {
  level?: string;
  /** Pretty output for a person at a terminal; JSON otherwise. Overrides `format`. */
  pretty?: boolean;
  /** auto = pretty when the destination is a terminal (default), json, or pretty. */
  format?: 'auto' | 'json' | 'pretty';
  /** Where to write; stdout by default. The console chat sends logs to stderr so they do not interleave with the chat. */
  destination?: number;
  /** A stream instead of a file descriptor (tests capture logs this way); always JSON. */
  stream?: DestinationStream;
}

export function createLogger(opts: LogOptions = {}): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? 'info';
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (opts.stream) return pino(options, opts.stream);
  const fd = opts.destination ?? 1;
  const format = opts.format ?? 'auto';
  const pretty = opts.pretty ?? (format === 'pretty' || (format === 'auto' && isatty(fd)));
  if (pretty) {
    return pino(options, pino.transport({ target: 'pino-pretty', options: { destination: fd, colorize: isatty(fd) } }));
  }
  // Synchronous writes: a crash or process.exit right after an error log must not lose the line.
  return pino(options, pino.destination({ fd, sync: true }));
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
