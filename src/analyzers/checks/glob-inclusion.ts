/**
 * Is every string matched by glob `inner` also matched by glob `outer`? (`*` any run, `?` one
 * character.) A dynamic program over the two patterns, O(|outer| × |inner|): `outer`'s `*` may
 * absorb any token of `inner` (including its own wildcards), `?` only a single-character token,
 * a literal only the same literal. The alignment it finds is a proof, so a `true` is always right;
 * a `false` means no such proof exists (for these simple globs that is exact in practice, and it
 * errs towards FAIL, the safe side of a containment check).
 */
export function globIncludes(outer: string, inner: string, caseInsensitive: boolean): boolean {
  const o = caseInsensitive ? outer.toLowerCase() : outer;
  const p = caseInsensitive ? inner.toLowerCase() : inner;
  const m = o.length;
  const n = p.length;
  // memo[i][j]: L(p[j:]) ⊆ L(o[i:]); filled from the ends.
  const memo: Uint8Array[] = Array.from({ length: m + 1 }, () => new Uint8Array(n + 1));
  for (let i = m; i >= 0; i--) {
    for (let j = n; j >= 0; j--) {
      let ok: boolean;
      if (i === m) ok = j === n;
      else if (o[i] === '*') ok = memo[i + 1]![j] === 1 || (j < n && memo[i]![j + 1] === 1);
      else if (j === n) ok = false;
      else if (o[i] === '?') ok = p[j] !== '*' && memo[i + 1]![j + 1] === 1;
      else ok = p[j] === o[i] && memo[i + 1]![j + 1] === 1;
      memo[i]![j] = ok ? 1 : 0;
    }
  }
  return memo[0]![0] === 1;
}
