/**
 * Linear-time `*` wildcard matching shared by both pattern languages, with no regex built from
 * pattern text: the pattern is split once into literal segments, then the first must be a prefix,
 * the last a suffix, and the middle ones are found left to right (leftmost match is always safe
 * for `*`-only patterns, so no backtracking is needed).
 */

/** A compiled wildcard: call it with a value. */
export type WildcardMatcher = (value: string) => boolean;

/**
 * Compiles literal segments (the text between stars). `segments.length === 1` means no star.
 * `ignoreCase` lowers both sides.
 */
export function compileSegments(segments: readonly string[], ignoreCase = false): WildcardMatcher {
  const segs = ignoreCase ? segments.map((s) => s.toLowerCase()) : [...segments];
  if (segs.length === 1) {
    const literal = segs[0]!;
    return ignoreCase ? (v) => v.toLowerCase() === literal : (v) => v === literal;
  }
  const first = segs[0]!;
  const last = segs[segs.length - 1]!;
  const middle = segs.slice(1, -1).filter((s) => s !== '');
  const minLength = segs.reduce((n, s) => n + s.length, 0);
  return (raw) => {
    const v = ignoreCase ? raw.toLowerCase() : raw;
    if (v.length < minLength || !v.startsWith(first) || !v.endsWith(last)) return false;
    let pos = first.length;
    const limit = v.length - last.length;
    for (const seg of middle) {
      const at = v.indexOf(seg, pos);
      if (at < 0 || at + seg.length > limit) return false;
      pos = at + seg.length;
    }
    return true;
  };
}

/** Splits on unescaped `*`; `\*` is a literal star and `\\` a literal backslash (EventBridge rules). */
export function splitEscapedWildcard(pattern: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      current += pattern[++i];
    } else if (c === '*') {
      segments.push(current);
      current = '';
    } else current += c;
  }
  segments.push(current);
  return segments;
}
