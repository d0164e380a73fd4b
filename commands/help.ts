import { defineCommand, type CommandDef, type OptionSpecs } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { usageOf } from '../src/core/parse-options.js';
import { reply } from '../src/core/reply.js';

/** Help is derived from the declarations, so it can never drift from what the commands accept. */
export function describeCommand(cmd: CommandDef<any>): string {
  const lines: string[] = [];
  const entries = cmd.subcommands ? Object.entries(cmd.subcommands) : [[undefined, cmd] as const];
  for (const [sub, target] of entries) {
    const adminOnly = target.adminOnly ?? cmd.adminOnly;
    const admin = adminOnly && !/admin/i.test(target.description) ? ' (admins)' : '';
    lines.push(`${usageOf(cmd.name, target.options, sub)}: ${target.description}${admin}`);
    for (const [key, spec] of Object.entries(target.options as OptionSpecs)) {
      lines.push(`    ${key}: ${spec.description}${spec.required ? ' (required)' : ''}`);
    }
  }
  return lines.join('\n');
}

export default defineCommand({
  name: 'help',
  description: 'The commands, each with its options',
  options: {
    command: { type: 'string', description: 'One command to explain', maxLength: 40, rest: true },
  },
  async run({ options, commands }) {
    if (options.command) {
      const name = options.command.replace(/^\//, '').toLowerCase();
      const cmd = commands.find((c) => c.name === name);
      if (!cmd) throw new UserError('UNKNOWN_COMMAND', `There is no /${name}. Try /help for the list.`);
      // describeCommand already opens with the usage line and the description: said once.
      const example = cmd.usage ? `\nExample: ${cmd.usage}` : '';
      return reply({ title: `/${cmd.name}`, sections: [{ text: `${describeCommand(cmd)}${example}` }] });
    }
    return reply({
      title: 'briefbot commands',
      sections: [
        { text: 'Answers come only from the article store, and every point names its article.' },
        // Each command's block starts with its usage line ("/ask <question>: …"), which names it: no heading repeats it.
        ...commands.map((c) => ({ text: describeCommand(c) })),
      ],
    });
  },
});
