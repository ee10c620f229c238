/** Three-valued (Kleene) logic for evaluation with unknown context keys. */
import type { Tri } from './types.js';

/** Kleene negation. */
export function not3(a: Tri): Tri {
  return a === 'unknown' ? 'unknown' : !a;
}

/** Kleene conjunction of a list (true for an empty list). */
export function all3<T>(items: readonly T[], f: (item: T) => Tri): Tri {
  let unknown = false;
  for (const it of items) {
    const r = f(it);
    if (r === false) return false;
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : true;
}

/** Kleene disjunction of a list (false for an empty list). */
export function any3<T>(items: readonly T[], f: (item: T) => Tri): Tri {
  let unknown = false;
  for (const it of items) {
    const r = f(it);
    if (r === true) return true;
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : false;
}

/** Kleene disjunction of two values. */
export function or3(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : false;
}

/** Kleene conjunction of two values. */
export function and3(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : true;
}
