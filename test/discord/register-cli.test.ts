import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { nextSnowflake } from '../fakes/discord-payloads.js';
import { FakeDiscordRest } from '../fakes/discord-rest.js';
import { fakeToken } from './discord-harness.js';

/** `briefbot discord-register` as a user runs it, against the REST stand-in via DISCORD_API_URL. */
describe('briefbot discord-register', () => {
  let rest: FakeDiscordRest;
  const appId = nextSnowflake();
  const guildId = nextSnowflake();
  const token = fakeToken(appId);
  let env: Record<string, string>;

  beforeAll(async () => {
    rest = await new FakeDiscordRest(token, appId).start();
    env = { DISCORD_TOKEN: token, DISCORD_APP_ID: appId, DISCORD_API_URL: rest.apiUrl, DISCORD_GUILD_ID: '' };
  });
  afterAll(async () => {
    await rest.close();
  });

  it('creates every command in the guild, then reports it already up to date', async () => {
    const first = await runCli(['discord-register', '--guild', guildId], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^Discord commands \\(guild ${guildId}\\): created /ask, `));
    const registered = [...rest.commands.get(guildId)!.values()].map((c) => c.name);
    expect(registered).toEqual(expect.arrayContaining(['ask', 'who', 'digest', 'help']));

    const second = await runCli(['discord-register', '--guild', guildId], { env });
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe(
      `Discord commands (guild ${guildId}): already up to date (${registered.length} unchanged).`,
    );
    expect(rest.find('POST', /commands$/)).toHaveLength(registered.length);
    expect(rest.find('PATCH', /commands\//)).toHaveLength(0);
  }, 60_000);

  it("updates only a command that was changed on Discord's side", async () => {
    const ask = [...rest.commands.get(guildId)!.values()].find((c) => c.name === 'ask')!;
    ask.description = 'an outdated description';
    const run = await runCli(['discord-register', '--guild', guildId], { env });
    expect(run.stdout).toMatch(/updated \/ask \(\d+ unchanged\)/);
    expect(rest.find('PATCH', /commands\//).map((r) => r.path)).toEqual([
      `/applications/${appId}/guilds/${guildId}/commands/${ask.id}`,
    ]);
  }, 60_000);

  it('stops with a message naming DISCORD_APP_ID when it is malformed', async () => {
    const run = await runCli(['discord-register', '--guild', guildId], { env: { ...env, DISCORD_APP_ID: 'briefbot' } });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/DISCORD_APP_ID/);
    expect(run.stderr).not.toContain(token);
  }, 60_000);

  it('stops before calling Discord, naming DISCORD_TOKEN, when the token is malformed', async () => {
    const before = rest.requests.length;
    const run = await runCli(['discord-register', '--guild', guildId], {
      env: { ...env, DISCORD_TOKEN: 'not-a-bot-token' },
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/DISCORD_TOKEN=\[redacted\] \(environment\): expected a Discord bot token/);
    expect(run.stderr).not.toContain('not-a-bot-token');
    expect(rest.requests.length).toBe(before);
  }, 60_000);
});
