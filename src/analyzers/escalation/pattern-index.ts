/**
 * Principals indexed by the resources their statements name for one action, so the backward
 * search can ask "who may act on this role/user/group?" without testing every principal against
 * every node. Literal ARNs are a map lookup, `prefix*` patterns a lookup per distinct prefix
 * length, anything else a glob test; principals with `*` (or NotResource, policy variables) are
 * always candidates. A superset of the engine's answer by construction: conditions, Denies and
 * boundaries are left to the engine.
 */
import { compileGlob, type Glob } from '../../engine/index.js';

/** Positions of principals, grouped by the resources they may act on. */
export class PatternIndex {
  private readonly any: number[] = [];
  private readonly literal = new Map<string, number[]>();
  private readonly prefix = new Map<string, number[]>();
  private readonly prefixLengths = new Set<number>();
  private readonly globs: { position: number; glob: Glob }[] = [];

  /** Adds principal `position` with its resource patterns for the action (`any`: every resource). */
  add(position: number, patterns: readonly string[] | 'any'): void {
    if (patterns === 'any') {
      this.any.push(position);
      return;
    }
    for (const raw of new Set(patterns.map((p) => p.toLowerCase()))) {
      const star = raw.indexOf('*');
      const wild = star >= 0 || raw.includes('?');
      if (!wild) push(this.literal, raw, position);
      else if (star === raw.length - 1 && !raw.includes('?')) {
        if (star === 0) this.any.push(position);
        else {
          push(this.prefix, raw.slice(0, star), position);
          this.prefixLengths.add(star);
        }
      } else this.globs.push({ position, glob: compileGlob(raw, true) });
    }
  }

  /** Principals that may act on `arn` (unsorted, may repeat). */
  candidates(arn: string): number[] {
    const key = arn.toLowerCase();
    const out = [...this.any, ...(this.literal.get(key) ?? [])];
    for (const length of this.prefixLengths) {
      if (length <= key.length) out.push(...(this.prefix.get(key.slice(0, length)) ?? []));
    }
    for (const { position, glob } of this.globs) if (glob.test(key)) out.push(position);
    return out;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
