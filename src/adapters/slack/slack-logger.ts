import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt, the Web API client and the Socket Mode client each expect @slack/logger's interface;
 * this routes them into our pino logger so there is one log stream with one redaction list.
 * Their info chatter goes to debug: the adapter logs what an operator needs itself.
 */
export function toSlackLogger(log: Logger): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  const fmt = (msg: unknown[]) =>
    msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : safeJson(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => log.debug(fmt(msg)),
    info: (...msg: unknown[]) => log.debug(fmt(msg)),
    warn: (...msg: unknown[]) => log.warn(fmt(msg)),
    error: (...msg: unknown[]) => log.error(fmt(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
