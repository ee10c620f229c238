/**
 * The ARNs of one account's roles in snapshot order, indexed to answer "which of them may a
 * policy's Resource patterns name?" without testing every role: a literal ARN is a map lookup, a
 * `prefix*` pattern a binary search over the sorted ARNs, anything else a glob test of each role.
 * Case is folded, so the answer is a superset of what case-sensitive matching names.
 */
import { compileGlob } from '../../engine/index.js';

export class ArnOrder {
  private readonly sorted: { lower: string; position: number }[];
  private readonly byLower = new Map<string, number[]>();
  private readonly positions = new Map<string, number>();

  constructor(readonly arns: readonly string[]) {
    this.sorted = arns.map((arn, position) => ({ lower: arn.toLowerCase(), position }));
    arns.forEach((arn, p) => this.positions.has(arn) || this.positions.set(arn, p));
    for (const e of this.sorted) {
      const list = this.byLower.get(e.lower);
      if (list) list.push(e.position);
      else this.byLower.set(e.lower, [e.position]);
    }
    this.sorted.sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : a.position - b.position));
  }

  /** ARNs that may match one of `patterns`, in snapshot order. */
  matching(patterns: readonly string[]): string[] {
    const hit = new Set<number>();
    for (const pattern of patterns) {
      const lower = pattern.toLowerCase();
      const star = lower.indexOf('*');
      if (star < 0 && !lower.includes('?')) {
        for (const p of this.byLower.get(lower) ?? []) hit.add(p);
      } else if (star === lower.length - 1 && !lower.includes('?')) {
        const prefix = lower.slice(0, star);
        for (let i = this.firstAtLeast(prefix); i < this.sorted.length && this.sorted[i]!.lower.startsWith(prefix); i++) hit.add(this.sorted[i]!.position);
      } else {
        const glob = compileGlob(pattern, true);
        this.arns.forEach((arn, p) => {
          if (glob.test(arn)) hit.add(p);
        });
      }
    }
    return [...hit].sort((a, b) => a - b).map((p) => this.arns[p]!);
  }

  /** `arns` in snapshot order (ARNs not listed go last). */
  inOrder(arns: Iterable<string>): string[] {
    const at = (a: string) => this.positions.get(a) ?? Number.MAX_SAFE_INTEGER;
    return [...arns].sort((a, b) => at(a) - at(b));
  }

  /** Index of the first sorted ARN not below `prefix`. */
  private firstAtLeast(prefix: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]!.lower < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
