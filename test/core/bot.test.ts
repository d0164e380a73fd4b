import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/core/bot.js';
import { defineCommand, defineSubcommand } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import type { Invocation } from '../../src/core/invocation.js';
import { textReply } from '../../src/core/reply.js';
import type { Services } from '../../src/core/services.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const echo = defineCommand({
  name: 'echo',
  description: 'echo',
  options: { text: { type: 'string', description: 't', required: true, maxLength: 20, rest: true } },
  run: async ({ options }) => textReply(options.text),
});
const boom = defineCommand({
  name: 'boom',
  description: 'fails',
  options: {},
  run: async () => {
    throw new Error('kaboom: secret internals');
  },
});
const refuse = defineCommand({
  name: 'refuse',
  description: 'user error',
  options: {},
  run: async () => {
    throw new UserError('NOPE', 'Not like that.');
  },
});
const admin = defineCommand({
  name: 'admin',
  description: 'subcommands',
  options: {},
  subcommands: {
    open: defineSubcommand({ description: 'anyone', options: {}, run: async () => textReply('open') }),
    locked: defineSubcommand({
      description: 'admins',
      options: {},
      adminOnly: true,
      run: async () => textReply('locked'),
    }),
    mine: defineSubcommand({
      description: 'owner or admin',
      options: {},
      adminOnly: 'or-owner',
      run: async (ctx) => {
        ctx.requireAdminOr('U-OWNER');
        return textReply('mine');
      },
    }),
  },
});

function makeBot() {
  const { logger, lines } = capturingLogger();
  const services = { logger } as unknown as Services; // these commands use no services
  return { bot: new Bot([echo, boom, refuse, admin], services, logger), lines };
}

const base = (command: string, isAdmin = false, user = 'U1'): Omit<Invocation, 'options' | 'subcommand'> => ({
  platform: 'console',
  command,
  user: { id: user, isAdmin },
  channel: { platform: 'console', id: 'console' },
});

describe('Bot dispatch and its error funnel', () => {
  it('runs a command with parsed, validated options', async () => {
    const { bot } = makeBot();
    const r = await bot.dispatchText(base('echo'), 'hello there');
    expect(r.sections[0].text).toBe('hello there');
    expect(r.errorCode).toBeUndefined();
  });

  it('turns an unknown command into a short reply listing the real ones', async () => {
    const { bot } = makeBot();
    const r = await bot.dispatchText(base('nope'), '');
    expect(r.errorCode).toBe('UNKNOWN_COMMAND');
    expect(r.sections[0].text).toContain('/echo');
    expect(r.visibility).toBe('ephemeral');
  });

  it('turns a user error into an ephemeral reply with its code, and logs no error', async () => {
    const { bot, lines } = makeBot();
    const r = await bot.dispatch({ ...base('refuse'), options: {} });
    expect(r).toMatchObject({ errorCode: 'NOPE', visibility: 'ephemeral' });
    expect(lines.some((l) => l.level === 50)).toBe(false);
  });

  it('logs an unexpected failure once, hides its internals from the user, and keeps serving', async () => {
    const { bot, lines } = makeBot();
    const r = await bot.dispatch({ ...base('boom'), options: {} });
    expect(r.errorCode).toBe('INTERNAL');
    expect(r.sections[0].text).not.toContain('kaboom');
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ command: 'boom', platform: 'console' });
    const after = await bot.dispatchText(base('echo'), 'still here');
    expect(after.sections[0].text).toBe('still here');
  });

  it('logs platform, command, duration and outcome for every command', async () => {
    const { bot, lines } = makeBot();
    await bot.dispatchText(base('echo'), 'x');
    const line = lines.find((l) => l.msg === 'command');
    expect(line).toMatchObject({ platform: 'console', command: 'echo', outcome: 'ok' });
    expect(typeof line?.ms).toBe('number');
  });

  it('rejects unknown options and over-long text through the funnel', async () => {
    const { bot } = makeBot();
    expect((await bot.dispatch({ ...base('echo'), options: { text: 'x', colour: 'red' } })).errorCode).toBe(
      'UNKNOWN_OPTION',
    );
    expect((await bot.dispatchText(base('echo'), 'x'.repeat(21))).errorCode).toBe('TOO_LONG');
  });

  it('enforces admin-only subcommands and lets owners through where declared', async () => {
    const { bot } = makeBot();
    expect((await bot.dispatchText(base('admin'), 'open')).sections[0].text).toBe('open');
    expect((await bot.dispatchText(base('admin'), 'locked')).errorCode).toBe('NOT_ADMIN');
    expect((await bot.dispatchText(base('admin', true), 'locked')).sections[0].text).toBe('locked');
    expect((await bot.dispatchText(base('admin', false, 'U-OWNER'), 'mine')).sections[0].text).toBe('mine');
    expect((await bot.dispatchText(base('admin', false, 'U-OTHER'), 'mine')).errorCode).toBe('NOT_ADMIN');
    expect((await bot.dispatchText(base('admin'), 'sideways')).errorCode).toBe('UNKNOWN_SUBCOMMAND');
    expect((await bot.dispatchText(base('admin'), '')).errorCode).toBe('MISSING_SUBCOMMAND');
  });
});
