/**
 * Idempotent command registration: read what Discord has, compare it (normalised) with what the
 * declarations say, and create, update or delete only the difference. Running it twice changes
 * nothing the second time, and an unchanged command keeps its id and permissions overrides.
 */
import { Routes, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandDef } from '../../core/command.js';
import { commandJson } from './command-json.js';

export interface RegisterResult {
  /** "global" or "guild <id>". */
  scope: string;
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: string[];
}

interface RemoteCommand {
  id: string;
  name: string;
  type?: number;
  [key: string]: unknown;
}

/** The fields we control, with Discord's defaults filled in, in a fixed key order. */
function normaliseOption(o: any): unknown {
  const isGroup = o.type === 1 || o.type === 2;
  return {
    type: o.type,
    name: o.name,
    description: o.description,
    required: isGroup ? undefined : Boolean(o.required),
    choices: o.choices?.length ? o.choices.map((c: any) => ({ name: c.name, value: c.value })) : undefined,
    min_value: o.min_value ?? undefined,
    max_value: o.max_value ?? undefined,
    min_length: o.min_length ?? undefined,
    max_length: o.max_length ?? undefined,
    autocomplete: isGroup ? undefined : Boolean(o.autocomplete),
    options: o.options?.length ? o.options.map(normaliseOption) : undefined,
  };
}

/** A comparable string of a command as sent or as Discord echoes it back. */
export function normaliseCommand(c: any): string {
  return JSON.stringify({
    type: c.type ?? 1,
    name: c.name,
    description: c.description,
    default_member_permissions: c.default_member_permissions ?? null,
    nsfw: Boolean(c.nsfw),
    options: (c.options ?? []).map(normaliseOption),
  });
}

export interface RegisterOptions {
  rest: REST;
  appId: string;
  /** A guild for instant updates while developing; global when absent. */
  guildId?: string;
  commands: readonly CommandDef<any>[];
}

/** Brings the registered chat commands in line with `commands`, changing only what differs. */
export async function registerCommands(opts: RegisterOptions): Promise<RegisterResult> {
  const { rest, appId, guildId } = opts;
  const list = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const one = (id: string) =>
    guildId ? Routes.applicationGuildCommand(appId, guildId, id) : Routes.applicationCommand(appId, id);
  const wanted = opts.commands.map(commandJson);
  const remote = ((await rest.get(list)) as RemoteCommand[]).filter((c) => (c.type ?? 1) === 1);
  const byName = new Map(remote.map((c) => [c.name, c]));
  const result: RegisterResult = {
    scope: guildId ? `guild ${guildId}` : 'global',
    created: [],
    updated: [],
    deleted: [],
    unchanged: [],
  };

  for (const body of wanted) {
    const existing = byName.get(body.name);
    byName.delete(body.name);
    if (!existing) {
      await rest.post(list, { body });
      result.created.push(body.name);
    } else if (normaliseCommand(existing) !== normaliseCommand(body)) {
      await rest.patch(one(existing.id), { body: body satisfies RESTPostAPIChatInputApplicationCommandsJSONBody });
      result.updated.push(body.name);
    } else {
      result.unchanged.push(body.name);
    }
  }
  // Whatever is left was registered by an older version of the bot and no longer exists.
  for (const stale of byName.values()) {
    await rest.delete(one(stale.id));
    result.deleted.push(stale.name);
  }
  return result;
}

/** One line per change, for the CLI. */
export function describeRegistration(r: RegisterResult): string {
  const parts = [
    r.created.length ? `created ${r.created.map((n) => `/${n}`).join(', ')}` : '',
    r.updated.length ? `updated ${r.updated.map((n) => `/${n}`).join(', ')}` : '',
    r.deleted.length ? `deleted ${r.deleted.map((n) => `/${n}`).join(', ')}` : '',
  ].filter(Boolean);
  return `Discord commands (${r.scope}): ${parts.length ? parts.join('; ') : 'already up to date'} (${r.unchanged.length} unchanged).`;
}
