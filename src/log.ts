import pino, { type Logger } from 'pino';

/** Paths that can carry credentials; pino replaces their values before anything is written. */
const REDACT = [
  '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.apiKey', '*.password', '*.authorization',
  'token', 'apiKey', 'config.slack', 'config.discord.token', 'config.llm.apiKey', 'headers.authorization',
  'req.headers.authorization', 'req.headers["x-slack-signature"]',
];

export interface LogOptions {
  level?: string;
  /** Pretty output for a person at a terminal; JSON otherwise. */
  pretty?: boolean;
  /** Where to write; stdout by default. The console chat sends logs to stderr so they do not interleave with the chat. */
  destination?: number;
}

export function createLogger(opts: LogOptions = {}): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? 'info';
  const fd = opts.destination ?? 1;
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (opts.pretty) {
    return pino(options, pino.transport({ target: 'pino-pretty', options: { destination: fd, colorize: true } }));
  }
  return pino(options, pino.destination({ fd, sync: true }));
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
