/**
 * Command declarations → Discord application command JSON, so Discord's option types, limits,
 * choices and autocomplete come from the same declaration the other doors use.
 *
 * Permissions: Discord sets `default_member_permissions` per top-level command, not per
 * subcommand. A command is hidden behind Manage Server only when the command itself, or every one
 * of its subcommands, is admin-only (`adminOnly: true`). Otherwise it stays visible (so /digest
 * list works for everyone) and the core's run-time check refuses the admin-only subcommands.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDef, OptionSpec, OptionSpecs } from '../../core/command.js';
import { LIMITS } from './limits.js';
import { truncate } from './split-text.js';

/** Members with this permission (and administrators) see admin-only commands; the run-time check accepts the same. */
export const ADMIN_PERMISSION = PermissionFlagsBits.ManageGuild;

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

function checkName(name: string, where: string): string {
  if (!NAME.test(name))
    throw new Error(`${where}: "${name}" is not a valid Discord command or option name (lowercase, 1–32 characters)`);
  return name;
}

function describe(text: string): string {
  return truncate(text.trim() || 'No description', LIMITS.commandDescription);
}

function clampLength(n: number | undefined): number | undefined {
  return n === undefined ? undefined : Math.max(0, Math.min(LIMITS.optionStringLength, n));
}

function optionJson(name: string, spec: OptionSpec, where: string): APIApplicationCommandBasicOption {
  const base = {
    name: checkName(name, where),
    description: describe(spec.description),
    required: Boolean(spec.required),
  };
  switch (spec.type) {
    case 'string': {
      if (spec.choices && spec.choices.length > LIMITS.choices)
        throw new Error(`${where}.${name}: more than ${LIMITS.choices} choices`);
      const choices = spec.choices?.map((c) => ({
        name: truncate(c, LIMITS.choiceText),
        value: c.slice(0, LIMITS.choiceText),
      }));
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(spec.minLength !== undefined ? { min_length: clampLength(spec.minLength) } : {}),
        ...(spec.maxLength !== undefined ? { max_length: Math.max(1, clampLength(spec.maxLength)!) } : {}),
        // Discord refuses choices together with autocomplete; fixed choices win.
        ...(choices ? { choices } : spec.autocomplete ? { autocomplete: true } : {}),
      };
    }
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(spec.min !== undefined ? { min_value: spec.min } : {}),
        ...(spec.max !== undefined ? { max_value: spec.max } : {}),
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
  }
}

/** Discord requires required options before optional ones; the order is otherwise kept. */
function optionsJson(specs: OptionSpecs, where: string): APIApplicationCommandBasicOption[] {
  const entries = Object.entries(specs);
  if (entries.length > LIMITS.optionsPerCommand)
    throw new Error(`${where}: more than ${LIMITS.optionsPerCommand} options`);
  const all = entries.map(([name, spec]) => optionJson(name, spec, where));
  return [...all.filter((o) => o.required), ...all.filter((o) => !o.required)];
}

/** True when Discord should hide the command from members without Manage Server. */
export function hiddenFromMembers(cmd: CommandDef<any>): boolean {
  if (cmd.adminOnly === true) return true;
  const subs = Object.values(cmd.subcommands ?? {});
  return subs.length > 0 && subs.every((s) => (s.adminOnly ?? cmd.adminOnly) === true);
}

/** The JSON body for POST/PATCH /applications/{app}/commands. */
export function commandJson(cmd: CommandDef<any>): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const where = `/${cmd.name}`;
  let options: APIApplicationCommandOption[];
  if (cmd.subcommands) {
    options = Object.entries(cmd.subcommands).map(([name, sub]) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: checkName(name, where),
      description: describe(sub.description),
      options: optionsJson(sub.options, `${where} ${name}`),
    }));
  } else {
    options = optionsJson(cmd.options, where);
  }
  return {
    type: ApplicationCommandType.ChatInput,
    name: checkName(cmd.name, where),
    description: describe(cmd.description),
    options,
    default_member_permissions: hiddenFromMembers(cmd) ? ADMIN_PERMISSION.toString() : null,
  };
}
