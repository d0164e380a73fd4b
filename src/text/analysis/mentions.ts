import type { Token } from '../nlp.js';
import type { EntityMention, EntityType, PersonRecord } from '../types.js';
import { fold } from '../fold.js';
import { COUNTRY_ABBREVS, DEMONYMS, ORG_SUFFIXES, PLACE_PREPOSITIONS, PLACE_SUFFIXES } from '../lexicon.js';
import { nameRange, type PersonHit } from './people.js';
import type { Run } from './runs.js';

/** A resolved mention with the token range it covers, for quote attribution. */
export interface LocatedMention extends EntityMention {
  sent: number;
  first: number;
  last: number;
}

function isAcronym(v: string): boolean {
  return v.length >= 2 && v.length <= 6 && /^[A-Z][A-Z&]+s?$/.test(v);
}

/** Index of name tokens → people, so "Blinken" or "López Obrador" finds "Antony Blinken". */
class NameIndex {
  private bySuffix = new Map<string, string[]>();
  constructor(people: Map<string, PersonRecord>) {
    for (const p of people.values()) {
      const parts = p.key.split(' ');
      for (let i = 0; i < parts.length; i++) {
        // Every suffix of the name ("lopez obrador", "obrador") and the full name itself.
        const suffix = parts.slice(i).join(' ');
        const list = this.bySuffix.get(suffix) ?? [];
        if (!list.includes(p.key)) list.push(p.key);
        this.bySuffix.set(suffix, list);
      }
    }
  }
  /** The person a name form refers to; with two candidates, the one named most recently. */
  resolve(form: string, recent: string[]): string | undefined {
    const list = this.bySuffix.get(fold(form).replace(/[’]/g, "'"));
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    for (let i = recent.length - 1; i >= 0; i--) if (list.includes(recent[i])) return recent[i];
    return list[0];
  }
}

/** Decides each run's type per article: evidence from one mention ("in Paris") types them all. */
export function resolveMentions(
  text: string,
  tokens: Token[],
  runs: Run[],
  hits: PersonHit[],
  people: Map<string, PersonRecord>,
): LocatedMention[] {
  // A surname introduced with an honorific ("Mr Blair", "Mrs Parker Bowles") is the full-named
  // person when the article names one.
  const keys = [...people.keys()];
  for (const key of keys) {
    if (keys.some((k) => k !== key && k.endsWith(' ' + key))) people.delete(key);
  }
  const index = new NameIndex(people);
  const hitByRun = new Map<Run, PersonHit>();
  for (const h of hits) hitByRun.set(h.run, h);

  const surface = (r: Run) => text.slice(tokens[r.first].start, tokens[r.last].end);
  const typeOf = new Map<string, EntityType>();
  for (const r of runs) {
    const s = surface(r);
    const lastLow = tokens[r.last].lower;
    let t: EntityType | undefined;
    let hasOrg = false;
    for (let i = r.first; i <= r.last; i++) if (ORG_SUFFIXES.has(tokens[i].lower)) hasOrg = true;
    if (hasOrg) t = 'org';
    else if (PLACE_SUFFIXES.has(lastLow) || (r.first === r.last && COUNTRY_ABBREVS.has(lastLow))) t = 'place';
    else if (r.first === r.last && isAcronym(tokens[r.first].value)) t = 'org';
    else {
      let p = r.first - 1;
      if (tokens[p]?.lower === 'the') p--;
      if (p >= 0 && PLACE_PREPOSITIONS.has(tokens[p].lower)) t = 'place';
    }
    if (t && !typeOf.has(s)) typeOf.set(s, t);
  }

  const out: LocatedMention[] = [];
  const recent: string[] = [];
  let prevTyped: { type: EntityType; last: number } | undefined;
  for (const r of runs) {
    const hit = hitByRun.get(r);
    const nr = hit ? { first: hit.nameFirst, last: hit.nameLast } : nameRange(tokens, r);
    if (nr) {
      const form = text.slice(tokens[nr.first].start, tokens[nr.last].end);
      const key = people.has(hit?.key ?? '') ? hit!.key : index.resolve(form, recent);
      if (key) {
        out.push({ text: form, type: 'person', key, sent: r.sent, first: nr.first, last: nr.last });
        people.get(key)!.mentions++;
        recent.push(key);
        prevTyped = undefined;
        continue;
      }
    }
    if (r.first === r.last && DEMONYMS.has(tokens[r.first].lower)) continue; // "French officials"
    const s = surface(r);
    let type = typeOf.get(s);
    // Coordination carries the type: "between Washington and Paris", "in France, Spain and Italy".
    if (!type && prevTyped && r.first - prevTyped.last === 2 && /^(and|or|,)$/.test(tokens[r.first - 1].lower))
      type = prevTyped.type;
    if (!type) continue;
    out.push({ text: s, type, sent: r.sent, first: r.first, last: r.last });
    prevTyped = { type, last: r.last };
  }
  return out;
}
