import type { ParseArgsConfig } from 'node:util';
import type { CommandDef, OptionSpecs } from '../core/command.js';
import { UserError } from '../core/errors.js';

/** Flags every subcommand takes. */
export const GLOBAL_FLAGS = {
  json: { type: 'boolean' },
  store: { type: 'string' },
  /** For /digest from the command line: which channel, as platform:id (default console:console). */
  channel: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** CLI flags derived from a command's option declarations: `--order newest`, `--limit 5`, `--quiet`. */
export function flagsFor(specs: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  const flags: NonNullable<ParseArgsConfig['options']> = {};
  for (const [key, spec] of Object.entries(specs)) {
    flags[key] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  }
  return flags;
}

/** The subcommand (for /digest) and raw option values from parsed CLI arguments. */
export function chatOptionsFromArgs(
  cmd: CommandDef<any>,
  values: Record<string, unknown>,
  positionals: string[],
): { subcommand?: string; options: Record<string, unknown> } {
  let sub: string | undefined;
  let rest = positionals;
  if (cmd.subcommands) {
    sub = rest[0]?.toLowerCase();
    rest = rest.slice(1);
    if (!sub)
      throw new UserError(
        'MISSING_SUBCOMMAND',
        `briefbot ${cmd.name} needs one of: ${Object.keys(cmd.subcommands).join(', ')}.`,
      );
    if (!cmd.subcommands[sub])
      throw new UserError(
        'UNKNOWN_SUBCOMMAND',
        `Unknown action "${sub}" for briefbot ${cmd.name}. Use one of: ${Object.keys(cmd.subcommands).join(', ')}.`,
      );
  }
  const specs: OptionSpecs = sub ? cmd.subcommands![sub].options : cmd.options;
  // parseArgs knows every flag of every subcommand; one given to a subcommand that does not take
  // it would otherwise be dropped without a word ("digest list --schedule …").
  const foreign = Object.keys(values).find((k) => values[k] !== undefined && !(k in GLOBAL_FLAGS) && !(k in specs));
  if (foreign) {
    throw new UserError(
      'UNSUPPORTED_OPTION',
      `--${foreign} does not apply to briefbot ${cmd.name}${sub ? ` ${sub}` : ''}. Run briefbot ${cmd.name}${sub ? ` ${sub}` : ''} --help for its options.`,
    );
  }
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(specs)) if (values[key] !== undefined) options[key] = values[key];
  if (rest.length) {
    const restKey = Object.entries(specs).find(([, s]) => s.type === 'string' && s.rest)?.[0];
    if (!restKey)
      throw new UserError(
        'UNEXPECTED_TEXT',
        `Unexpected argument "${rest.join(' ')}" for briefbot ${cmd.name}${sub ? ` ${sub}` : ''}.`,
      );
    options[restKey] = [options[restKey], ...rest].filter(Boolean).join(' ');
  }
  return { subcommand: sub, options };
}

/** Every flag any subcommand of a command could take, so parseArgs can stay strict. */
export function allFlagsOf(cmd: CommandDef<any>): NonNullable<ParseArgsConfig['options']> {
  const specs = cmd.subcommands ? Object.values(cmd.subcommands).map((s) => s.options) : [cmd.options];
  return Object.assign({}, ...specs.map(flagsFor));
}
