/**
 * Remembers the results of a pure, costly function by key, up to `limit` entries; when full it
 * starts over (the keys of a hot path — words, wall times, timezones — repeat, so a reset is
 * rare and cheap, and memory never grows without bound).
 */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: (key: K) => V): V {
    let value = this.entries.get(key);
    if (value === undefined && !this.entries.has(key)) {
      value = compute(key);
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(key, value);
    }
    return value as V;
  }
}
