/** The two reference groupings the labelled set's `about` names, computed in the same run. */

/** Every article a story of its own. */
export function singletons(ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id, id]));
}

/**
 * Links two articles whose titles share at least two capitalised words (regex \b[A-Z][\w'-]+,
 * case-folded), then takes the transitive closure (union-find).
 */
export function sharedCapitalsBaseline(articles: readonly { id: string; title: string }[]): Map<string, string> {
  const parent = new Map(articles.map((a) => [a.id, a.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const caps = articles.map((a) => new Set((a.title.match(/\b[A-Z][\w'-]+/g) ?? []).map((w) => w.toLowerCase())));
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      let shared = 0;
      for (const w of caps[i]) if (caps[j].has(w)) shared++;
      if (shared >= 2) parent.set(find(articles[i].id), find(articles[j].id));
    }
  }
  return new Map(articles.map((a) => [a.id, find(a.id)]));
}
