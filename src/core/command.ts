import type { Reply } from './reply.js';
import type { Services } from './services.js';
import type { Invocation } from './invocation.js';

/** Suggestions for a partly typed value (Discord autocomplete), at most 25 are shown. */
export type Autocomplete = (prefix: string, services: Services) => Promise<string[]>;

/** One typed option; adapters derive Slack hints, Discord option types and CLI flags from it. */
export type OptionSpec = (
  | {
      type: 'string';
      description: string;
      required?: boolean;
      minLength?: number;
      maxLength?: number;
      choices?: readonly string[];
      autocomplete?: Autocomplete;
      rest?: boolean;
    }
  | { type: 'integer'; description: string; required?: boolean; min?: number; max?: number }
  | { type: 'boolean'; description: string; required?: boolean }
) & {
  /** Other names people type for it ("sort" for order): an unknown `sort:` then suggests `order:`. */
  aka?: readonly string[];
};

export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S extends { type: 'string' }
  ? string
  : S extends { type: 'integer' }
    ? number
    : boolean;

/** The parsed option values of a spec: required ones present, the rest optional. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O as O[K] extends { required: true } ? K : never]: ValueOf<O[K]>;
} & {
  [K in keyof O as O[K] extends { required: true } ? never : K]?: ValueOf<O[K]>;
};

/**
 * Who may run it. `true`: administrators only, enforced by the core. `'or-owner'`: shown as
 * admin-only on platforms, but the command itself lets the owner of the target through
 * (calling `ctx.requireAdminOr(ownerId)`).
 */
export type AdminOnly = boolean | 'or-owner';

export interface RunContext<O extends OptionSpecs = OptionSpecs> {
  options: OptionValues<O>;
  services: Services;
  invocation: Invocation;
  /** Every command the bot runs (for /help). */
  commands: readonly CommandDef<any>[];
  /** Throws a UserError unless the invoker is an admin or is `ownerId`. */
  requireAdminOr(ownerId: string | undefined): void;
}

export interface SubcommandDef<O extends OptionSpecs = OptionSpecs> {
  description: string;
  options: O;
  adminOnly?: AdminOnly;
  /** Whether this may take longer than a platform's 3-second window (the LLM path). */
  slow?: boolean;
  run(ctx: RunContext<O>): Promise<Reply>;
}

export interface CommandDef<O extends OptionSpecs = OptionSpecs> {
  name: string;
  description: string;
  /** A one-line usage example for help and Slack's usage hint. */
  usage?: string;
  options: O;
  adminOnly?: AdminOnly;
  slow?: boolean;
  run?(ctx: RunContext<O>): Promise<Reply>;
  /** Either `run` or `subcommands` (e.g. /digest subscribe|unsubscribe|list|preview|now). */
  subcommands?: Record<string, SubcommandDef<any>>;
}

/** Declares a chat command once; the generic keeps `options` typed inside `run`. */
export function defineCommand<O extends OptionSpecs>(def: CommandDef<O>): CommandDef<O> {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(def.name)) throw new Error(`invalid command name: ${def.name}`);
  if (!def.run === !def.subcommands) throw new Error(`command ${def.name} needs exactly one of run or subcommands`);
  return def;
}

export function defineSubcommand<O extends OptionSpecs>(def: SubcommandDef<O>): SubcommandDef<O> {
  return def;
}

/** The leaf being run: the command itself or one of its subcommands. */
export function resolveTarget(cmd: CommandDef<any>, sub?: string): SubcommandDef<any> | undefined {
  if (cmd.subcommands) return sub ? cmd.subcommands[sub] : undefined;
  return cmd as unknown as SubcommandDef<any>;
}
