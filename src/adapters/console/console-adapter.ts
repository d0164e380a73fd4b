import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { BotPort } from '../../core/bot.js';
import type { ChannelRef, Invocation } from '../../core/invocation.js';
import type { Reply } from '../../core/reply.js';
import { InFlight, restartingReply } from '../../in-flight.js';
import type { Adapter, Delivery, PostOptions } from '../adapter.js';
import { renderConsole } from './render.js';

export interface ConsoleAdapterOptions {
  input: Readable;
  output: Writable;
  /** Colour and a prompt when a person is at a terminal. */
  interactive?: boolean;
  /** Shown once at start, e.g. "Store data/briefbot.db: 1 article." */
  banner?: () => Promise<string>;
  /** Called when the person types /quit or ends input at a terminal. */
  onQuit?: () => void;
  user?: string;
  /** Work this door owes; the process's own in the bot, so shutdown waits for it. */
  inFlight?: InFlight;
}

export const CONSOLE_CHANNEL: ChannelRef = { platform: 'console', id: 'console' };
const QUIT = new Set(['/quit', '/exit', 'quit', 'exit']);

/**
 * The terminal chat: a real adapter behind the same interface as Slack and Discord. The person at
 * the terminal runs the bot, so they are its admin. Plain text without a slash is a question.
 */
export class ConsoleAdapter implements Adapter {
  readonly platform = 'console' as const;
  private rl?: Interface;
  private bot?: BotPort;
  private connected = false;
  private readonly inFlight: InFlight;
  /** Lines are answered in order, one at a time, as in a conversation. */
  private queue: Promise<void> = Promise.resolve();
  /** True while a typed line is being answered: its reply, not a digest posted meanwhile, ends with the prompt. */
  private answering = false;

  constructor(private readonly opts: ConsoleAdapterOptions) {
    this.inFlight = opts.inFlight ?? new InFlight();
  }

  async start(bot: BotPort): Promise<void> {
    this.bot = bot;
    const { input, output, interactive } = this.opts;
    this.rl = createInterface({ input, output: interactive ? output : undefined, terminal: Boolean(interactive) });
    this.connected = true;
    if (this.opts.banner) this.write(await this.opts.banner());
    this.write('Type /help for the commands, or just ask a question. /quit leaves.');
    this.prompt();
    this.rl.on('line', (line) => {
      const job = this.queue.then(() => this.handle(line));
      this.queue = job;
      this.inFlight.track(job);
    });
    this.rl.on('close', () => {
      // The door stays up for digests after piped input ends; at a terminal, end of input means the person is done; a closed pipe leaves digests running.
      if (interactive) void this.queue.then(() => this.opts.onQuit?.());
    });
  }

  private async handle(raw: string): Promise<void> {
    const line = raw.trim();
    if (!line) return this.prompt();
    if (QUIT.has(line.toLowerCase())) {
      this.opts.onQuit?.();
      return;
    }
    this.answering = true;
    try {
      const reply = this.inFlight.accepting ? await this.dispatchLine(line) : restartingReply();
      this.write(renderConsole(reply, { color: this.opts.interactive }));
    } finally {
      this.answering = false;
    }
    this.prompt();
  }

  /** Turns a typed line into an invocation; parse errors come back as replies from the core. */
  async dispatchLine(line: string): Promise<Reply> {
    const bot = this.bot!;
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
    const [command, text] = m ? [m[1].toLowerCase(), m[2]] : ['ask', line];
    const base: Omit<Invocation, 'options' | 'subcommand'> = {
      platform: 'console',
      command,
      user: { id: this.opts.user ?? 'console', isAdmin: true },
      channel: CONSOLE_CHANNEL,
    };
    return bot.dispatchText(base, text);
  }

  async post(channel: ChannelRef, reply: Reply, _opts?: PostOptions): Promise<Delivery> {
    const id = `console-${Date.now()}`;
    this.write(`\n[digest for ${channel.id}]\n${renderConsole(reply, { color: this.opts.interactive })}`);
    // A digest posted by /digest now is followed by that command's reply, which prompts after it;
    // a scheduled one arrives at an idle prompt, which is drawn again below it.
    if (!this.answering) this.prompt();
    return { messageId: id };
  }

  isConnected(): boolean {
    return this.connected;
  }

  async stop(): Promise<void> {
    this.connected = false;
    this.inFlight.close();
    await this.inFlight.drain(10 * 60_000);
    this.rl?.close();
    this.rl = undefined;
  }

  private prompt(): void {
    if (this.opts.interactive && this.connected) this.opts.output.write('> ');
  }

  private write(text: string): void {
    this.opts.output.write(`${text}\n`);
  }
}
