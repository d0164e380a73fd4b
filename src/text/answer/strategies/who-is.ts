import { findPerson } from '../../cast/find-person.js';
import type { AnswerContext } from '../answer-context.js';
import type { Found } from '../outcome.js';
import { citeOf } from './cite.js';

/**
 * "Who is Ned Price?": the question is only a name the store knows as a person, so the answer is
 * the role the articles state for them, cited from a sentence that states it.
 */
export async function whoIs(ctx: AnswerContext): Promise<Found | undefined> {
  const { q } = ctx;
  if (q.type !== 'who' || q.names.length !== 1 || !q.terms.every((t) => t.proper)) return undefined;
  const person = findPerson((await ctx.people()).all, q.names[0]);
  if (!person) return undefined;
  const role = person.roles[0];
  const mentions = (await ctx.ranked()).filter((s) => s.hit.sentence.entities.some((e) => e.key === person.key));
  const stating = (role && mentions.find((s) => s.hit.sentence.text.includes(role))) || mentions[0];
  if (!stating) return undefined;
  const extra = person.affiliation && !(role ?? '').includes(person.affiliation) ? ` (${person.affiliation})` : '';
  return {
    kind: 'found',
    headline: `${role ? `${person.name}, ${role}` : person.name}${extra}`,
    short: true,
    cites: [citeOf(stating.hit.sentence)],
    type: 'who',
    confidence: 1,
    person: person.key,
  };
}
