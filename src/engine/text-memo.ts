/**
 * A bounded memo of pure compilations keyed by pattern text (action globs, resource patterns).
 * Scans and cold evaluation meet the same few thousand pattern strings in thousands of separate
 * policy documents; compiling each text once instead of once per document is most of a cold
 * decision's saving. Values must be immutable (or only fill internal caches deterministically).
 * Cleared when full, so a long run cannot grow it without limit.
 */
export class TextMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The value for `key`, made by `make(key)` on first use. */
  get(key: string, make: (key: string) => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      v = make(key);
      this.map.set(key, v);
    }
    return v;
  }
}
