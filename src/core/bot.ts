import type { Logger } from 'pino';
import type { CommandDef, OptionValues, SubcommandDef } from './command.js';
import { resolveTarget } from './command.js';
import { isUserError, UserError } from './errors.js';
import type { Invocation } from './invocation.js';
import { parseOptionText, splitSubcommand, usageOf, validateOptions } from './parse-options.js';
import { textReply, type Reply } from './reply.js';
import type { Services } from './services.js';

/** What adapters see of the bot: dispatch, plus the declarations to derive their own surface from. */
export interface BotPort {
  dispatch(invocation: Invocation): Promise<Reply>;
  /**
   * Parses chat text for the command and dispatches it; parse errors (unknown command, unknown
   * option, bad value) come back as replies through the same funnel. For text-based doors.
   */
  dispatchText(invocation: Omit<Invocation, 'options' | 'subcommand'>, text: string): Promise<Reply>;
  /** Parses chat text ("subscribe schedule:\"0 8 * * *\"") into an invocation's subcommand and raw options. */
  parseText(command: string, text: string): { subcommand?: string; options: Record<string, string> };
  /** True when the command may outlast a platform's 3-second acknowledgement window. */
  mayBeSlow(invocation: Pick<Invocation, 'command' | 'subcommand'>): boolean;
  readonly commands: readonly CommandDef<any>[];
  readonly services: Services;
}

export interface DispatchObserver {
  (event: { invocation: Invocation; outcome: 'ok' | 'user_error' | 'error'; ms: number; code?: string }): void;
}

/** Dispatches invocations to commands; the one funnel for their errors. */
export class Bot implements BotPort {
  private readonly byName: Map<string, CommandDef<any>>;
  private readonly observers: DispatchObserver[] = [];

  constructor(
    readonly commands: readonly CommandDef<any>[],
    readonly services: Services,
    private readonly logger: Logger = services.logger,
  ) {
    this.byName = new Map(commands.map((c) => [c.name, c]));
  }

  /** Called after every dispatch (metrics, logs). */
  observe(fn: DispatchObserver): void {
    this.observers.push(fn);
  }

  command(name: string): CommandDef<any> | undefined {
    return this.byName.get(name.replace(/^\//, '').toLowerCase());
  }

  parseText(command: string, text: string): { subcommand?: string; options: Record<string, string> } {
    const cmd = this.requireCommand(command);
    const { sub, rest } = splitSubcommand(cmd, text);
    const target = resolveTarget(cmd, sub)!;
    return { subcommand: sub, options: parseOptionText(target.options, rest, usageOf(cmd.name, target.options, sub)) };
  }

  mayBeSlow(inv: Pick<Invocation, 'command' | 'subcommand'>): boolean {
    const cmd = this.command(inv.command);
    if (!cmd || !this.services.llm) return false;
    const target = resolveTarget(cmd, inv.subcommand);
    return Boolean(target?.slow ?? cmd.slow);
  }

  dispatch(inv: Invocation): Promise<Reply> {
    return this.funnel(inv, () => this.run(inv));
  }

  dispatchText(base: Omit<Invocation, 'options' | 'subcommand'>, text: string): Promise<Reply> {
    const inv: Invocation = { ...base, options: {} };
    return this.funnel(inv, () => {
      const parsed = this.parseText(base.command, text);
      inv.subcommand = parsed.subcommand;
      inv.options = parsed.options;
      return this.run(inv);
    });
  }

  /** The one place command errors are turned into replies, logged and counted. */
  private async funnel(inv: Invocation, work: () => Promise<Reply>): Promise<Reply> {
    const started = performance.now();
    let outcome: 'ok' | 'user_error' | 'error' = 'ok';
    let code: string | undefined;
    try {
      return await work();
    } catch (e) {
      if (isUserError(e)) {
        outcome = 'user_error';
        code = e.code;
        return textReply(e.message, { errorCode: e.code, answered: false });
      }
      outcome = 'error';
      code = 'INTERNAL';
      this.logger.error(
        { err: e, command: inv.command, subcommand: inv.subcommand, platform: inv.platform },
        'command failed',
      );
      return textReply(`Sorry, /${inv.command} failed unexpectedly. The error has been logged.`, {
        errorCode: 'INTERNAL',
        answered: false,
      });
    } finally {
      const ms = performance.now() - started;
      this.logger.info(
        { platform: inv.platform, command: inv.command, subcommand: inv.subcommand, ms: Math.round(ms), outcome, code },
        'command',
      );
      for (const o of this.observers) o({ invocation: inv, outcome, ms, code });
    }
  }

  private requireCommand(name: string): CommandDef<any> {
    const cmd = this.command(name);
    if (!cmd) {
      const names = this.commands.map((c) => `/${c.name}`).join(', ');
      throw new UserError('UNKNOWN_COMMAND', `Unknown command "/${name.replace(/^\//, '')}". Try one of: ${names}.`);
    }
    return cmd;
  }

  private async run(inv: Invocation): Promise<Reply> {
    const cmd = this.requireCommand(inv.command);
    let sub = inv.subcommand?.toLowerCase();
    if (cmd.subcommands && !sub) {
      throw new UserError(
        'MISSING_SUBCOMMAND',
        `/${cmd.name} needs one of: ${Object.keys(cmd.subcommands).join(', ')}.`,
      );
    }
    const target: SubcommandDef<any> | undefined = resolveTarget(cmd, sub);
    if (!target) {
      throw new UserError(
        'UNKNOWN_SUBCOMMAND',
        `Unknown /${cmd.name} action "${sub}". Use one of: ${Object.keys(cmd.subcommands ?? {}).join(', ')}.`,
      );
    }
    const adminOnly = target.adminOnly ?? cmd.adminOnly;
    if (adminOnly === true && !inv.user.isAdmin) {
      throw new UserError('NOT_ADMIN', `Only admins can run /${cmd.name}${sub ? ` ${sub}` : ''}.`);
    }
    const options = validateOptions(target.options, inv.options, usageOf(cmd.name, target.options, sub));
    const reply = await target.run({
      options: options as OptionValues<any>,
      services: this.services,
      invocation: inv,
      commands: this.commands,
      requireAdminOr(ownerId) {
        if (inv.user.isAdmin || (ownerId !== undefined && ownerId === inv.user.id)) return;
        throw new UserError(
          'NOT_ADMIN',
          `Only admins or the person who set this up can run /${cmd.name}${sub ? ` ${sub}` : ''}.`,
        );
      },
    });
    return reply;
  }
}
