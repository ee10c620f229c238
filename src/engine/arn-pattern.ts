/**
 * Resource ARN patterns. AWS matches wildcards within each colon-separated ARN segment; a `*`
 * that is the last character of the pattern's last segment extends across the remaining colons
 * (IAM User Guide, "IAM JSON policy elements: Resource", Using wildcards in resource ARNs).
 * The sixth segment (resource) keeps any further colons, as in `arn:aws:logs:r:a:log-group:x:*`.
 * Matching is case-sensitive.
 */
import { Glob, STAR, type GlobToken } from './wildcard.js';

/** Splits an ARN into at most six parts at its first five colons. */
export function splitArn(arn: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const c = arn.indexOf(':', start);
    if (c < 0) break;
    out.push(arn.slice(start, c));
    start = c + 1;
  }
  out.push(arn.slice(start));
  return out;
}

/** Account id of an ARN (5th part), or '' when absent. */
export function arnAccount(arn: string): string {
  return splitArn(arn)[4] ?? '';
}

function splitTokens(tokens: readonly GlobToken[]): GlobToken[][] {
  const segs: GlobToken[][] = [[]];
  for (const t of tokens) {
    if (typeof t !== 'string' || segs.length === 6) {
      segs[segs.length - 1]!.push(t);
      continue;
    }
    let rest = t;
    let c = rest.indexOf(':');
    while (c >= 0 && segs.length < 6) {
      if (c > 0) segs[segs.length - 1]!.push(rest.slice(0, c));
      segs.push([]);
      rest = rest.slice(c + 1);
      c = rest.indexOf(':');
    }
    if (rest) segs[segs.length - 1]!.push(rest);
  }
  return segs;
}

/** A compiled resource pattern. */
export class ArnPattern {
  private readonly whole: Glob | null;
  private readonly segments: Glob[];
  /** The last segment absorbs the rest of the ARN (pattern shorter than six segments, ending in `*`). */
  private readonly tailAbsorbs: boolean;
  readonly matchesAll: boolean;
  /**
   * Fast paths, same answers: a pattern without wildcards matches exactly its own text (segment by
   * segment equality is string equality); one whose only wildcard is a final `*` after all five
   * colons matches the ARNs that start with the text before it.
   */
  private readonly literal: string | null;
  private readonly prefix: string | null;

  constructor(tokens: readonly GlobToken[]) {
    const segs = splitTokens(tokens);
    const lastSeg = segs[segs.length - 1]!;
    this.tailAbsorbs = segs.length < 6 && lastSeg[lastSeg.length - 1] === STAR;
    this.matchesAll = tokens.length > 0 && tokens.every((t) => t === STAR);
    // A pattern with a single segment is not an ARN (`*`, or an S3-style name): glob it whole.
    this.whole = segs.length === 1 ? new Glob(tokens) : null;
    this.segments = segs.length === 1 ? [] : segs.map((s) => new Glob(s));
    const plain = tokens.every((t) => typeof t === 'string');
    this.literal = plain ? tokens.join('') : null;
    const head = tokens.slice(0, -1);
    const text = head.every((t) => typeof t === 'string') ? head.join('') : null;
    this.prefix = !plain && segs.length === 6 && tokens[tokens.length - 1] === STAR && text !== null && text.split(':').length === 6 ? text : null;
  }

  /** Does the request's resource (already split with `splitArn`) match? */
  testSplit(parts: readonly string[], arn: string): boolean {
    if (this.matchesAll) return true;
    if (this.literal !== null) return arn === this.literal;
    if (this.prefix !== null) return arn.startsWith(this.prefix);
    if (this.whole) return this.whole.test(arn);
    const segs = this.segments;
    const k = segs.length;
    if (this.tailAbsorbs) {
      if (parts.length < k) return false;
      for (let i = 0; i < k - 1; i++) if (!segs[i]!.test(parts[i]!)) return false;
      return segs[k - 1]!.test(parts.slice(k - 1).join(':'));
    }
    if (parts.length !== k) return false;
    for (let i = 0; i < k; i++) if (!segs[i]!.test(parts[i]!)) return false;
    return true;
  }

  /** Does `arn` match? */
  test(arn: string): boolean {
    return this.testSplit(splitArn(arn), arn);
  }
}
