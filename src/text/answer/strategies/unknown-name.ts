import { findPerson } from '../../cast/find-person.js';
import type { AnswerContext } from '../answer-context.js';
import type { Refusal } from '../outcome.js';
import { occurs } from '../retrieve.js';

/**
 * Two names run together ("the Chelsea v West Ham Carling Cup tie"), or a name with one word
 * glued on before it ("the US Pension Benefit Guaranty Corporation"): known when each named part
 * of two or more words occurs as a phrase.
 */
async function runTogether(ctx: AnswerContext, name: string): Promise<boolean> {
  const words = name.split(/\s+/);
  // A part is a name of its own only when it starts as one: "de France" is not.
  const known = async (part: string[]) =>
    part.length > 1 && /^\p{Lu}/u.test(part[0]) && (await occurs(ctx.store, part.join(' ')));
  for (let cut = 1; cut < words.length; cut++) {
    const [head, tail] = [words.slice(0, cut), words.slice(cut)];
    if ((await known(tail)) && ((head.length === 1 && /^\p{Lu}/u.test(head[0])) || (await known(head)))) return true;
  }
  return false;
}

/**
 * Whether a name of several words occurs as a phrase. A word that may be a place adjective
 * ("Sri Lankan TV", "Kenyan runner") may describe the name rather than belong to it: the parts
 * around it are looked up instead (a part of one word counts as known), since refusing for want
 * of a describing word would refuse a question the store can answer.
 */
async function phraseKnown(ctx: AnswerContext, name: string): Promise<boolean> {
  if ((await occurs(ctx.store, name)) || (await runTogether(ctx, name))) return true;
  const words = name.split(/\s+/);
  const parts: string[][] = [[]];
  for (const w of words) {
    if (/^\p{Lu}\p{Ll}+an$/u.test(w)) parts.push([]);
    else parts[parts.length - 1].push(w);
  }
  if (parts.length === 1) return false;
  for (const part of parts) if (part.length > 1 && !(await occurs(ctx.store, part.join(' ')))) return false;
  return true;
}

/**
 * A name the store has never seen: say so rather than answer about something else. A capitalised
 * word counts as known when any sentence holds it; a name of several words ("Tour de France",
 * "Xbox 360") when some sentence holds the whole phrase, since its words apart may all be common;
 * a person's name also when a person of that name is in the store (the articles may name them
 * differently: "Lopez Obrador" for "Andrés Manuel López Obrador").
 */
export async function unknownName(ctx: AnswerContext): Promise<Refusal | undefined> {
  const { q } = ctx;
  const { df } = await ctx.retrieval();
  const missing = q.terms.filter((t) => t.proper && (df.get(t.key) ?? 0) === 0);
  for (const name of q.personNames) {
    // The phrase count is cheap; the people cards (for accent-free or partial names) are read
    // only when the name as typed occurs nowhere.
    if (
      !(await occurs(ctx.store, name)) &&
      !findPerson((await ctx.people()).all, name) &&
      !(await runTogether(ctx, name))
    ) {
      return {
        kind: 'refused',
        message: `Not in the store: no one named “${name}” appears in the articles I have, so I can't answer about them.`,
        closest: await ctx.closest(),
      };
    }
  }
  for (const name of q.names.filter((n) => /\s/.test(n) && !q.personNames.includes(n))) {
    if (!(await phraseKnown(ctx, name))) missing.push({ text: name } as (typeof missing)[number]);
  }
  if (!missing.length) return undefined;
  const words = missing.map((t) => `“${t.text}”`).join(', ');
  return {
    kind: 'refused',
    message: `Not in the store: no article mentions ${words}, so I can't answer “${q.text}”.`,
    closest: await ctx.closest(),
  };
}
