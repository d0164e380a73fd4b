import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ask from '../../commands/ask.js';
import who from '../../commands/who.js';
import { createDiscordRest } from '../../src/adapters/discord/adapter.js';
import { commandJson } from '../../src/adapters/discord/command-json.js';
import { describeRegistration, registerCommands } from '../../src/adapters/discord/register.js';
import type { CommandDef } from '../../src/core/command.js';
import { nextSnowflake } from '../fakes/discord-payloads.js';
import { FakeDiscordRest } from '../fakes/discord-rest.js';
import { fakeToken } from './discord-harness.js';
import { digestCommand, purgeCommand } from './fixture-services.js';

describe('Discord command JSON derived from the declarations', () => {
  it('types /ask question as a required string with its length limit', () => {
    expect(commandJson(ask)).toMatchObject({
      type: 1,
      name: 'ask',
      default_member_permissions: null,
      options: [{ type: 3, name: 'question', required: true, max_length: 500 }],
    });
  });

  it('marks /who name for autocomplete', () => {
    expect(commandJson(who).options).toEqual([
      expect.objectContaining({ type: 3, name: 'name', required: false, autocomplete: true, max_length: 100 }),
    ]);
  });

  it('turns /digest subcommands into type-1 options, required options first, and keeps it visible for list', () => {
    const json = commandJson(digestCommand);
    expect(json.default_member_permissions).toBeNull();
    expect(json.options!.map((o) => [o.type, o.name])).toEqual([
      [1, 'subscribe'],
      [1, 'unsubscribe'],
      [1, 'list'],
    ]);
    const subscribe = json.options![0] as { options: { name: string; type: number; required: boolean }[] };
    expect(subscribe.options.map((o) => [o.name, o.type, o.required])).toEqual([
      ['schedule', 3, true],
      ['timezone', 3, false],
      ['quiet', 5, false],
    ]);
  });

  it('hides an admin-only command behind Manage Server and types integers with their range', () => {
    expect(commandJson(purgeCommand)).toMatchObject({
      default_member_permissions: '32',
      options: [{ type: 4, name: 'days', min_value: 1, max_value: 365, required: true }],
    });
  });

  it('hides a command whose subcommands are all admin-only', () => {
    const allAdmin: CommandDef<any> = {
      ...digestCommand,
      subcommands: {
        subscribe: digestCommand.subcommands!.subscribe,
        unsubscribe: digestCommand.subcommands!.unsubscribe,
      },
    };
    expect(commandJson(allAdmin).default_member_permissions).toBe('32');
  });

  it('converts every command in commands/ within Discord limits', async () => {
    const dir = fileURLToPath(new URL('../../commands/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const cmd = (await import(`${dir}${f}`)).default as CommandDef<any>;
      const json = commandJson(cmd);
      expect(json.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(json.description.length).toBeLessThanOrEqual(100);
      const opts = (json.options ?? []).flatMap((o: any) => [o, ...(o.options ?? [])]);
      for (const o of opts) expect(o.description.length, `${f} ${o.name}`).toBeLessThanOrEqual(100);
    }
  });
});

describe('discord-register against the REST stand-in', () => {
  let rest: FakeDiscordRest;
  const appId = nextSnowflake();
  const guildId = nextSnowflake();
  const token = fakeToken(appId);

  beforeAll(async () => {
    rest = await new FakeDiscordRest(token, appId).start();
  });
  afterAll(async () => {
    await rest.close();
  });

  it('creates every command in an empty guild, then finds nothing to change on a second run', async () => {
    const client = createDiscordRest({ token, apiUrl: rest.apiUrl });
    const first = await registerCommands({ rest: client, appId, guildId, commands: [ask, who, digestCommand] });
    expect(first).toMatchObject({
      scope: `guild ${guildId}`,
      created: ['ask', 'who', 'digest'],
      updated: [],
      deleted: [],
    });
    expect([...rest.commands.get(guildId)!.values()].map((c) => c.name).sort()).toEqual(['ask', 'digest', 'who']);

    const before = rest.requests.length;
    const second = await registerCommands({ rest: client, appId, guildId, commands: [ask, who, digestCommand] });
    expect(second).toMatchObject({ created: [], updated: [], deleted: [], unchanged: ['ask', 'who', 'digest'] });
    expect(rest.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
    expect(describeRegistration(second)).toBe(`Discord commands (guild ${guildId}): already up to date (3 unchanged).`);
  });

  it('updates only the changed command, creates the new one and deletes the removed one', async () => {
    const client = createDiscordRest({ token, apiUrl: rest.apiUrl });
    const askId = [...rest.commands.get(guildId)!.values()].find((c) => c.name === 'ask')!.id;
    const changedAsk = { ...ask, description: 'Ask the store a question (now with sources)' };
    const before = rest.requests.length;
    const result = await registerCommands({
      rest: client,
      appId,
      guildId,
      commands: [changedAsk, digestCommand, purgeCommand],
    });
    expect(result).toMatchObject({ created: ['purge'], updated: ['ask'], deleted: ['who'], unchanged: ['digest'] });
    const writes = rest.requests.slice(before).filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.path.replace(/\d{15,}/g, 'ID')}`).sort()).toEqual([
      'DELETE /applications/ID/guilds/ID/commands/ID',
      'PATCH /applications/ID/guilds/ID/commands/ID',
      'POST /applications/ID/guilds/ID/commands',
    ]);
    // The updated command keeps its id (so server permission overrides survive).
    expect(rest.commands.get(guildId)!.get(askId)!.description).toBe('Ask the store a question (now with sources)');
    expect(describeRegistration(result)).toBe(
      `Discord commands (guild ${guildId}): created /purge; updated /ask; deleted /who (1 unchanged).`,
    );
  });

  it('registers globally when no guild is given', async () => {
    const client = createDiscordRest({ token, apiUrl: rest.apiUrl });
    const result = await registerCommands({ rest: client, appId, commands: [ask] });
    expect(result).toMatchObject({ scope: 'global', created: ['ask'] });
    expect(rest.find('POST', new RegExp(`^/applications/${appId}/commands$`))).toHaveLength(1);
  });

  it("fails with Discord's error when the token is wrong, changing nothing", async () => {
    const client = createDiscordRest({ token: fakeToken(appId), apiUrl: rest.apiUrl });
    const before = rest.commands.get(guildId)!.size;
    await expect(registerCommands({ rest: client, appId, guildId, commands: [ask] })).rejects.toThrow(
      /401|Unauthorized/,
    );
    expect(rest.commands.get(guildId)!.size).toBe(before);
  });
});
