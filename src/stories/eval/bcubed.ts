/** B-cubed precision, recall and F1 of a grouping against labels. */
export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
  articles: number;
}

/**
 * Per article: precision is the share of its system group that shares its gold story, recall the
 * share of its gold story that shares its system group; both averaged over the gold articles.
 * Articles the system left unplaced count as groups of their own; system-only articles are ignored.
 */
export function bcubed(gold: ReadonlyMap<string, string>, system: ReadonlyMap<string, string>): BCubed {
  const ids = [...gold.keys()];
  const groupOf = (id: string) => system.get(id) ?? `unplaced:${id}`;
  const bySystem = new Map<string, string[]>();
  const byGold = new Map<string, string[]>();
  for (const id of ids) {
    push(bySystem, groupOf(id), id);
    push(byGold, gold.get(id)!, id);
  }
  let p = 0;
  let r = 0;
  for (const id of ids) {
    const mine = bySystem.get(groupOf(id))!;
    const story = byGold.get(gold.get(id)!)!;
    p += mine.filter((o) => gold.get(o) === gold.get(id)).length / mine.length;
    r += story.filter((o) => groupOf(o) === groupOf(id)).length / story.length;
  }
  const precision = ids.length ? p / ids.length : 0;
  const recall = ids.length ? r / ids.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, articles: ids.length };
}

function push(m: Map<string, string[]>, key: string, id: string): void {
  const list = m.get(key);
  if (list) list.push(id);
  else m.set(key, [id]);
}
