/**
 * Glob matching for actions, resource ARNs and the `*Like` operators, in time linear in the input
 * for a fixed pattern. No regular expression is ever built from policy text.
 *
 * A pattern is a token list: literal strings, `*` (any run, possibly empty) and `?` (one
 * character). Tokens come from the policy text, or from policy variables, whose values are always
 * literal (`${*}` is a literal asterisk, never a wildcard).
 *
 * Algorithm. Split the pattern at its stars into segments S0 * S1 * ... * Sk (each segment a
 * sequence of literal characters and `?`). Without stars the text must match S0 exactly. With
 * stars: S0 must match at offset 0, Sk at offset n-|Sk| (and the two must not overlap), and every
 * middle segment is searched for left to right, each search starting where the previous match
 * ended, taking the LEFTMOST occurrence.
 *
 * Correctness (why leftmost is enough): if any assignment of the stars matches, then moving a
 * middle segment to its leftmost occurrence at or after the end of the previous segment leaves
 * more room (a longer suffix) for the segments that follow, and the star before it absorbs the
 * gap; by induction the greedy placement succeeds whenever some placement does. The final
 * segment is anchored at the end, so it only has to start at or after the greedy position.
 *
 * Bound: a middle segment without `?` is found with Knuth–Morris–Pratt (failure table built once
 * per segment), which reads each text character at most twice; a segment containing `?` is found
 * with bit-parallel Shift-And (one state bit per segment position, a `?` position accepting every
 * character), which reads each text character once and updates ⌈q/32⌉ 32-bit words for a
 * segment of length q. The searches of successive segments cover disjoint, increasing windows of
 * the text, so a whole match costs O(n + m) character steps for text length n and pattern length
 * m, times ⌈q/32⌉ for `?` segments longer than 32 (at most 128 with policy elements capped at
 * 4,096 characters by the parser). There is no backtracking across stars and no per-position
 * re-comparison: the 350 KB `*a?a?…b*` request that took 70 s under the old naive `?` search is
 * linear here. `test(input, meter)` counts these steps so property tests can assert the bound.
 */

/** The `*` token. */
export const STAR: unique symbol = Symbol('*');
/** The `?` token. */
export const QMARK: unique symbol = Symbol('?');
/** A pattern token: a literal run, `*` or `?`. */
export type GlobToken = string | typeof STAR | typeof QMARK;

/** Counts the character steps of glob matching (tests assert linear bounds with it). */
export interface StepMeter {
  steps: number;
}

/** One star-free piece of a pattern: characters plus which positions are `?`. */
interface Segment {
  chars: string;
  /** Positions that are `?` wildcards; null when there are none. */
  wild: boolean[] | null;
  /** KMP failure table, for segments without `?`; built on first search (most segments are never searched). */
  fail: number[] | null;
  /** Shift-And masks, for segments with `?`; built on first search. */
  shiftAnd: ShiftAnd | null;
}

/** Bit-parallel tables of a `?` segment: bit j of a mask is set when position j accepts the character. */
interface ShiftAnd {
  words: number;
  /** Mask of the positions that accept any character (the `?`s). */
  any: Uint32Array;
  /** Per character code: `any` plus the positions holding that character. */
  byChar: Map<number, Uint32Array>;
}

function shiftAndTables(seg: Segment): ShiftAnd {
  const m = seg.chars.length;
  const words = (m + 31) >>> 5;
  const any = new Uint32Array(words);
  for (let j = 0; j < m; j++) if (seg.wild![j]) any[j >>> 5]! |= 1 << (j & 31);
  const byChar = new Map<number, Uint32Array>();
  for (let j = 0; j < m; j++) {
    if (seg.wild![j]) continue;
    const c = seg.chars.charCodeAt(j);
    let mask = byChar.get(c);
    if (!mask) byChar.set(c, (mask = Uint32Array.from(any)));
    mask[j >>> 5]! |= 1 << (j & 31);
  }
  return { words, any, byChar };
}

/** Leftmost start of the `?` segment in text[from, end) by Shift-And, or -1; adds its steps to `meter`. */
function shiftAndFind(text: string, from: number, end: number, seg: Segment, meter: StepMeter | undefined): number {
  const m = seg.chars.length;
  const t = (seg.shiftAnd ??= shiftAndTables(seg));
  const { words, any, byChar } = t;
  const lastWord = (m - 1) >>> 5;
  const lastBit = 1 << ((m - 1) & 31);
  const state = new Uint32Array(words);
  let steps = 0;
  let at = -1;
  for (let i = from; i < end; i++) {
    const mask = byChar.get(text.charCodeAt(i)) ?? any;
    // Bit j can be set only after j + 1 characters, so words past that are still zero: skip them.
    const active = Math.min(words, ((i - from) >>> 5) + 1);
    steps += active;
    // state = ((state << 1) | 1) & mask, word by word, carrying the top bit upwards.
    let carry = 1;
    for (let w = 0; w < active; w++) {
      const s = state[w]!;
      state[w] = ((s << 1) | carry) & mask[w]!;
      carry = s >>> 31;
    }
    if ((state[lastWord]! & lastBit) !== 0) {
      at = i - m + 1;
      break;
    }
  }
  if (meter) meter.steps += steps;
  return at;
}

/** Turns policy text into tokens: `*` and `?` are wildcards, everything else literal. */
export function tokenizeGlob(pattern: string): GlobToken[] {
  const out: GlobToken[] = [];
  let lit = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' || c === '?') {
      if (lit) out.push(lit);
      lit = '';
      out.push(c === '*' ? STAR : QMARK);
    } else lit += c;
  }
  if (lit) out.push(lit);
  return out;
}

function kmpTable(s: string): number[] {
  const fail = new Array<number>(s.length).fill(0);
  let k = 0;
  for (let i = 1; i < s.length; i++) {
    while (k > 0 && s.charCodeAt(i) !== s.charCodeAt(k)) k = fail[k - 1]!;
    if (s.charCodeAt(i) === s.charCodeAt(k)) k++;
    fail[i] = k;
  }
  return fail;
}

function makeSegment(parts: (string | typeof QMARK)[]): Segment {
  let chars = '';
  const wildPos: number[] = [];
  for (const p of parts) {
    if (p === QMARK) {
      wildPos.push(chars.length);
      chars += '?';
    } else chars += p;
  }
  if (wildPos.length === 0) return { chars, wild: null, fail: null, shiftAnd: null };
  const wild = new Array<boolean>(chars.length).fill(false);
  for (const w of wildPos) wild[w] = true;
  return { chars, wild, fail: null, shiftAnd: null };
}

function matchAt(text: string, at: number, seg: Segment, meter: StepMeter | undefined): boolean {
  const { chars, wild } = seg;
  let j = 0;
  for (; j < chars.length; j++) {
    if (wild !== null && wild[j] === true) continue;
    if (text.charCodeAt(at + j) !== chars.charCodeAt(j)) break;
  }
  if (meter) meter.steps += j + 1;
  return j === chars.length;
}

/** Leftmost start of `seg` in text[from, end), or -1. */
function find(text: string, from: number, end: number, seg: Segment, meter: StepMeter | undefined): number {
  const m = seg.chars.length;
  if (m === 0) return from;
  if (seg.wild !== null) return shiftAndFind(text, from, end, seg, meter);
  const chars = seg.chars;
  const fail = (seg.fail ??= kmpTable(chars));
  let k = 0;
  // Each character is read once; each fallback undoes one earlier advance, so steps ≤ 2·(end - from).
  let steps = 0;
  let at = -1;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    steps++;
    while (k > 0 && c !== chars.charCodeAt(k)) {
      k = fail[k - 1]!;
      steps++;
    }
    if (c === chars.charCodeAt(k)) k++;
    if (k === m) {
      at = i - m + 1;
      break;
    }
  }
  if (meter) meter.steps += steps;
  return at;
}

/** A compiled glob. */
export class Glob {
  private readonly segments: Segment[];
  private readonly starred: boolean;
  private readonly minLength: number;
  /** true for the pattern `*` (or any run of stars only). */
  readonly matchesAll: boolean;
  /** Set when the pattern has no wildcard at all: plain string equality. */
  readonly literal: string | null;

  constructor(tokens: readonly GlobToken[], readonly foldCase = false) {
    if (tokens.length <= 1 && typeof (tokens[0] ?? '') === 'string') {
      // Fast path: a plain literal (the common case for actions and ARNs without wildcards).
      const lit = (tokens[0] as string | undefined) ?? '';
      this.literal = foldCase ? lit.toLowerCase() : lit;
      this.segments = [];
      this.starred = false;
      this.minLength = lit.length;
      this.matchesAll = false;
      return;
    }
    const segs: (string | typeof QMARK)[][] = [[]];
    let starred = false;
    for (const t of tokens) {
      if (t === STAR) {
        starred = true;
        segs.push([]);
      } else segs[segs.length - 1]!.push(typeof t === 'string' && foldCase ? t.toLowerCase() : t);
    }
    this.segments = segs.map(makeSegment);
    this.starred = starred;
    this.minLength = this.segments.reduce((n, s) => n + s.chars.length, 0);
    this.matchesAll = starred && this.minLength === 0;
    this.literal = !starred && this.segments[0]!.wild === null ? this.segments[0]!.chars : null;
  }

  /**
   * Does `input` match? With `foldCase`, the comparison ignores ASCII/Unicode case. `meter`, when
   * given, receives the character steps taken (≤ 2·(n + m), times ⌈q/32⌉ for `?` segments of length q).
   */
  test(input: string, meter?: StepMeter): boolean {
    if (this.matchesAll) return true;
    const text = this.foldCase ? input.toLowerCase() : input;
    if (meter) meter.steps += 1;
    if (this.literal !== null) return text === this.literal;
    const segs = this.segments;
    const n = text.length;
    if (!this.starred) return n === this.minLength && matchAt(text, 0, segs[0]!, meter);
    if (n < this.minLength) return false;
    const first = segs[0]!;
    const last = segs[segs.length - 1]!;
    if (!matchAt(text, 0, first, meter)) return false;
    const end = n - last.chars.length;
    if (!matchAt(text, end, last, meter)) return false;
    let pos = first.chars.length;
    for (let i = 1; i < segs.length - 1; i++) {
      const seg = segs[i]!;
      const at = find(text, pos, end, seg, meter);
      if (at < 0) return false;
      pos = at + seg.chars.length;
    }
    return pos <= end;
  }
}

/** Compiles policy text (`*`, `?` wildcards) into a glob. */
export function compileGlob(pattern: string, foldCase = false): Glob {
  return new Glob(tokenizeGlob(pattern), foldCase);
}

/** One-shot glob test of policy text against a value (case-sensitive unless `foldCase`). */
export function globMatch(pattern: string, value: string, foldCase = false): boolean {
  return compileGlob(pattern, foldCase).test(value);
}

/** Action patterns match case-insensitively (`S3:getobject` is `s3:GetObject`). */
export function matchAction(pattern: string, action: string): boolean {
  return compileGlob(pattern, true).test(action);
}
