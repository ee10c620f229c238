/**
 * `npm run bench -- glob`: `?`-segment glob matching (issue 26's stalled request) against the
 * baseline of a naive per-position segment search — what `model/policy/glob.ts` did before,
 * O(text × segment) — measured in the same run, on patterns `*a?a?…?c*` (no match, every
 * position a near-miss) against a 4,096-character resource, the request-value limit.
 */
import { compileGlob } from '../src/model/policy/glob.js';
import type { Benchmark } from './registry.js';
import { opsPerSecond, ratio } from './timing.js';

/** The baseline: leftmost start of a `?` segment by trying every position. */
function naiveFind(text: string, seg: string, from: number, end: number): number {
  for (let i = from; i + seg.length <= end; i++) {
    let j = 0;
    while (j < seg.length && (seg[j] === '?' || seg.charCodeAt(j) === text.charCodeAt(i + j))) j++;
    if (j === seg.length) return i;
  }
  return -1;
}

export const measureGlob: Benchmark = {
  name: 'glob',
  title: '`?` glob segments: Shift-And vs naive per-position search (4 KB resource)',
  async run() {
    const text = 'a'.repeat(4096);
    for (const pairs of [16, 256, 1024]) {
      const seg = `${'a?'.repeat(pairs)}c`;
      const glob = compileGlob(`*${seg}*`);
      if (glob.test(text) || naiveFind(text, seg, 0, text.length) !== -1) throw new Error('the pattern must not match');
      const fast = opsPerSecond(() => glob.test(text), 300);
      const slow = opsPerSecond(() => naiveFind(text, seg, 0, text.length), 300);
      console.log(`segment ${seg.length} chars: cordon ${fast.toFixed(0)} matches/s, naive ${slow.toFixed(0)} matches/s, ratio ${ratio(fast, slow)}`);
    }
  },
};
