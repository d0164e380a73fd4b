import type { CommandDef, OptionSpec, OptionSpecs } from './command.js';
import { UserError } from './errors.js';

/** Usage line derived from the declaration, e.g. "/ask <question>" or "/search <query> [order:relevance|newest]". */
export function usageOf(name: string, specs: OptionSpecs, sub?: string): string {
  const parts = [`/${name}`];
  if (sub) parts.push(sub);
  const positional = positionalNames(specs);
  for (const [key, spec] of Object.entries(specs)) {
    const shape =
      spec.type === 'string' && spec.choices ? spec.choices.join('|') : spec.type === 'string' ? 'text' : spec.type;
    if (positional.includes(key)) parts.push(spec.required ? `<${key}>` : `[${key}]`);
    else parts.push(spec.required ? `${key}:<${shape}>` : `[${key}:${shape}]`);
  }
  return parts.join(' ');
}

/** String options that may be given without `name:` (a free-text question, a topic). */
function positionalNames(specs: OptionSpecs): string[] {
  return Object.entries(specs)
    .filter(([, s]) => s.type === 'string' && s.rest)
    .map(([k]) => k);
}

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”' };

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Splits on whitespace, keeping "quoted phrases" (straight or curly) together; an unbalanced quote is literal. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i])) i++;
    if (i >= input.length) break;
    const start = i;
    let text = '';
    while (i < input.length && !/\s/.test(input[i])) {
      const close = QUOTES[input[i]];
      const end = close ? input.indexOf(close, i + 1) : -1;
      if (close && end > i) {
        text += input.slice(i + 1, end);
        i = end + 1;
      } else {
        text += input[i++];
      }
    }
    tokens.push({ text, start, end: i });
  }
  return tokens;
}

/**
 * Turns chat text into raw option strings: `name:value` (value may be quoted) for declared
 * options, the rest of the text to the free-text option. Text that looks like `x:y` for an
 * undeclared x stays part of the free text, since questions and queries contain colons.
 */
export function parseOptionText(specs: OptionSpecs, input: string, usage: string): Record<string, string> {
  const raw: Record<string, string> = {};
  const restParts: string[] = [];
  const [rest] = positionalNames(specs);
  const named = Object.keys(specs).filter((k) => k !== rest);
  for (const tok of tokenize(input)) {
    const m = /^([a-z][a-z0-9_-]*):(.*)$/is.exec(tok.text);
    const rawSource = input.slice(tok.start, tok.end);
    if (m && Object.hasOwn(specs, m[1].toLowerCase())) {
      raw[m[1].toLowerCase()] = m[2];
    } else if (m && !m[2].startsWith('//') && (!rest || (named.length > 0 && m[2] !== ''))) {
      // With named options beside the free text (/search … order:newest), `sort:newest` is a
      // mistyped option, not words to search for; a command whose only option is free text
      // (/ask) keeps "note: …" as part of the question, and a URL (any scheme://) is a value.
      throw new UserError('UNKNOWN_OPTION', `Unknown option ${m[1]}:${suggestOption(m[1], specs)}. Usage: ${usage}`);
    } else {
      restParts.push(rawSource);
    }
  }
  if (restParts.length) {
    if (!rest) throw new UserError('UNEXPECTED_TEXT', `Unexpected text "${restParts.join(' ')}". Usage: ${usage}`);
    raw[rest] = raw[rest] ? `${raw[rest]} ${restParts.join(' ')}` : restParts.join(' ');
  }
  return raw;
}

/** " (did you mean order:?)" for an option's other name or a near-miss spelling; else the options there are. */
function suggestOption(typed: string, specs: OptionSpecs): string {
  const t = typed.toLowerCase();
  const named = Object.entries(specs).filter(([, s]) => !(s.type === 'string' && s.rest));
  const byAka = named.find(([, s]) => s.aka?.includes(t));
  const close = named
    .map(([k]) => ({ k, d: editDistance(t, k) }))
    .filter(({ k, d }) => d <= Math.min(2, Math.floor(k.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  const guess = byAka?.[0] ?? close?.k;
  if (guess) return ` (did you mean ${guess}:?)`;
  return named.length ? ` (options here: ${named.map(([k]) => `${k}:`).join(', ')})` : '';
}

/** Levenshtein distance, for "did you mean" on short option names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Validates raw values (strings from text platforms, typed values from Discord) against the specs. */
export function validateOptions(
  specs: OptionSpecs,
  raw: Record<string, unknown>,
  usage: string,
): Record<string, unknown> {
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(specs, key)) throw new UserError('UNKNOWN_OPTION', `Unknown option "${key}". Usage: ${usage}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = raw[key];
    const missing = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (missing) {
      if (spec.required) throw new UserError('MISSING_OPTION', `Please give ${article(key)} ${key}. Usage: ${usage}`);
      continue;
    }
    out[key] = convert(key, spec, value, usage);
  }
  return out;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function convert(key: string, spec: OptionSpec, value: unknown, usage: string): unknown {
  switch (spec.type) {
    case 'string': {
      const s = String(value).replace(/\s+/g, ' ').trim();
      if (spec.maxLength !== undefined && s.length > spec.maxLength) {
        throw new UserError(
          'TOO_LONG',
          `The ${key} is limited to ${spec.maxLength} characters (yours has ${s.length}).`,
        );
      }
      if (spec.minLength !== undefined && s.length < spec.minLength) {
        throw new UserError('TOO_SHORT', `The ${key} needs at least ${spec.minLength} characters.`);
      }
      if (spec.choices && !spec.choices.includes(s.toLowerCase())) {
        throw new UserError(
          'BAD_CHOICE',
          `The ${key} must be one of ${spec.choices.join(', ')} (got "${s}"). Usage: ${usage}`,
        );
      }
      return spec.choices ? s.toLowerCase() : s;
    }
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isInteger(n))
        throw new UserError('BAD_NUMBER', `The ${key} must be a whole number (got "${String(value)}").`);
      if (spec.min !== undefined && n < spec.min)
        throw new UserError('OUT_OF_RANGE', `The ${key} must be at least ${spec.min}.`);
      if (spec.max !== undefined && n > spec.max)
        throw new UserError('OUT_OF_RANGE', `The ${key} must be at most ${spec.max}.`);
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(s)) return true;
      if (['false', 'no', 'off', '0'].includes(s)) return false;
      throw new UserError('BAD_BOOLEAN', `The ${key} must be yes or no (got "${String(value)}").`);
    }
  }
}

/** Splits "/digest subscribe schedule:…" text into the subcommand and its option text. */
export function splitSubcommand(cmd: CommandDef<any>, text: string): { sub?: string; rest: string } {
  if (!cmd.subcommands) return { rest: text };
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(text);
  const names = Object.keys(cmd.subcommands);
  if (!m) throw new UserError('MISSING_SUBCOMMAND', `/${cmd.name} needs one of: ${names.join(', ')}.`);
  const sub = m[1].toLowerCase();
  if (!names.includes(sub)) {
    throw new UserError(
      'UNKNOWN_SUBCOMMAND',
      `Unknown /${cmd.name} action "${m[1]}". Use one of: ${names.join(', ')}.`,
    );
  }
  return { sub, rest: m[2] };
}
