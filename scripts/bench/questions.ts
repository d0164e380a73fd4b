import Database from 'better-sqlite3';
import { STOP_WORDS } from '../../src/text/stopwords.js';
import { pick, seeded } from './random.js';

export interface BenchQuestion {
  /** The /ask question. */
  ask: string;
  /** The /search query (the same subject). */
  search: string;
  /** The /brief topic. */
  brief: string;
}

interface Entity {
  text: string;
  type: 'person' | 'org' | 'place';
}

/** Content words of a sentence: longer words that are neither stop words nor parts of the names. */
function keywords(text: string, names: string[]): string[] {
  const inNames = new Set(names.flatMap((n) => n.toLowerCase().split(/\s+/)));
  const words = text.match(/\b[a-z][a-z-]{4,}\b/g) ?? [];
  return [...new Set(words)].filter((w) => !STOP_WORDS.has(w) && !inNames.has(w));
}

/**
 * `count` questions drawn from the store's own sentences with a fixed seed: a sentence naming a
 * person, organisation or place gives its names and keywords, which fill one of several general
 * templates (who / what did X say about Y / when / how many / where / what happened). Nothing
 * here knows the answers; a share of the questions are hard or unanswerable, as real ones are.
 */
export function drawQuestions(storePath: string, count: number, seed = 7): BenchQuestion[] {
  const db = new Database(storePath, { readonly: true });
  const maxId = (db.prepare('SELECT max(id) AS m FROM sentences').get() as { m: number }).m;
  const get = db.prepare('SELECT text, entities FROM sentences WHERE id = ?');
  const rand = seeded(seed);
  const out: BenchQuestion[] = [];
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const row = get.get(1 + Math.floor(rand() * maxId)) as { text: string; entities: string } | undefined;
    if (!row) continue;
    const entities = (JSON.parse(row.entities) as Entity[]).filter((e) => e.text.length > 2);
    if (!entities.length) continue;
    const person = entities.find((e) => e.type === 'person');
    const thing = entities.find((e) => e.type !== 'person');
    const kws = keywords(
      row.text,
      entities.map((e) => e.text),
    );
    if (!kws.length) continue;
    const kw = pick(rand, kws);
    const name = (person ?? thing ?? entities[0]).text;
    const templates = [
      () => (person ? `What did ${person.text} say about ${kw}?` : undefined),
      () => (person ? `Who is ${person.text}?` : undefined),
      () => `Who ${pick(rand, ['criticised', 'announced', 'said', 'won', 'led'])} the ${kw} at ${thing?.text ?? name}?`,
      () => `When did ${name} ${pick(rand, ['announce', 'report', 'face', 'reach'])} the ${kw}?`,
      () => `How many ${kw} did ${name} have?`,
      () =>
        thing ? `Where did ${person?.text ?? thing.text} ${pick(rand, ['meet', 'play', 'speak', 'open'])}?` : undefined,
      () => `What happened to ${name} and the ${kw}?`,
      () => `Why did ${name} ${pick(rand, ['raise', 'cut', 'change', 'reject'])} ${kw}?`,
    ];
    const ask = pick(rand, templates)();
    if (!ask) continue;
    out.push({ ask, search: `${name} ${kw}`, brief: name });
  }
  db.close();
  return out;
}
