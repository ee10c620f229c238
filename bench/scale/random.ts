/**
 * Seeded randomness for the scale generators: the same seed always gives the same account, so a
 * benchmark run can be repeated and two machines compare the same input.
 */

/** A source of uniform numbers in [0, 1) with helpers; every draw advances one seeded stream. */
export interface Rand {
  (): number;
  /** An integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** mulberry32: small, fast, good enough for workload shapes (not for secrets). */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rand;
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (list) => list[Math.floor(next() * list.length)]!;
  next.chance = (p) => next() < p;
  return next;
}

/**
 * Index in [0, n) skewed towards small values (roughly Zipf-like), so a few customer managed
 * policies are attached to hundreds of principals and most to a handful, as in real accounts.
 */
export function skewedIndex(rand: Rand, n: number): number {
  return Math.min(n - 1, Math.floor(n * rand() ** 3));
}
