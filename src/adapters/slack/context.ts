import type { Logger } from 'pino';
import type { ChatStore } from '../../chat-store/chat-store.js';
import type { BotPort } from '../../core/bot.js';
import type { InFlight } from '../../in-flight.js';
import type { Workspaces } from './workspaces.js';

/** What every Slack handler needs; the Web API client comes from Bolt per request (the workspace's token). */
export interface SlackContext {
  bot: BotPort;
  logger: Logger;
  chat: ChatStore;
  workspaces: Workspaces;
  /** Work this door owes (acks, follow-ups, thread replies); stop() waits for it. */
  inFlight: InFlight;
  /** How long a "fast" command may run before the acknowledgement goes out without it. */
  ackBudgetMs: number;
}

/** Runs a handler's work tracked, so shutdown waits for it; errors are logged, never thrown at Bolt. */
export async function tracked(ctx: SlackContext, what: string, work: () => Promise<void>): Promise<void> {
  await ctx.inFlight.track(work()).catch((err: unknown) => ctx.logger.error({ err }, `slack ${what} failed`));
}
