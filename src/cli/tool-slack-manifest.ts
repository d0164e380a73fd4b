import { allCommands } from '../../commands/index.js';
import { buildSlackManifest } from '../adapters/slack/index.js';
import { UserError } from '../core/errors.js';
import type { Tool } from './tools.js';
import { toolArgs } from './tools.js';

/** `briefbot slack-manifest [--socket | --url URL [--oauth [--token-rotation]]]`: the app manifest, generated from commands/. */
const slackManifest: Tool = async (args) => {
  const { values } = toolArgs(args, {
    socket: { type: 'boolean' },
    url: { type: 'string' },
    name: { type: 'string' },
    oauth: { type: 'boolean' },
    'token-rotation': { type: 'boolean' },
  });
  if (values.socket && values.url) throw new UserError('CONFLICTING_OPTIONS', 'Give --socket or --url URL, not both.');
  const manifest = buildSlackManifest(allCommands, {
    socket: Boolean(values.socket),
    url: values.url as string | undefined,
    name: values.name as string | undefined,
    oauth: Boolean(values.oauth),
    tokenRotation: Boolean(values['token-rotation']),
  });
  process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  return 0;
};
export default slackManifest;
