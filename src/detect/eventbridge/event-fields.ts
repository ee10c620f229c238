/**
 * An event as aws/event-ruler (the matcher EventBridge runs) sees it: a list of leaf fields, each a
 * dotted name (`detail.requestParameters.userName`), a scalar value, and the array elements it sits
 * in ("array membership"). Arrays are crushed out at any depth (`{"a":[["x"]]}` has the field
 * `a = "x"`); objects and empty arrays are not leaves. Only the names a pattern asks about are
 * collected, so the cost follows the pattern, not the size of the event.
 */

/** Array id → element index, for every array a field sits in. Shared and never mutated. */
export type Membership = ReadonlyMap<number, number>;

/** One leaf of the flattened event. */
export interface EventField {
  value: unknown;
  membership: Membership;
}

const NONE: Membership = new Map();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names a compiled pattern reads: leaves, and the dotted prefixes leading to them. */
export interface FieldNeeds {
  leaves: ReadonlySet<string>;
  prefixes: ReadonlySet<string>;
}

/** Builds the needs of a set of leaf names (`a.b.c` needs the prefixes `a` and `a.b`). */
export function fieldNeeds(names: Iterable<string>): FieldNeeds {
  const leaves = new Set<string>();
  const prefixes = new Set<string>();
  for (const name of names) {
    leaves.add(name);
    for (let at = name.indexOf('.'); at >= 0; at = name.indexOf('.', at + 1)) prefixes.add(name.slice(0, at));
  }
  return { leaves, prefixes };
}

/**
 * Event fields by name, for the names in `needs`. Keys are joined with `.` as event-ruler joins them,
 * so a pattern key `a.b` and the nested `{"a":{"b":…}}` name the same field (event-ruler's
 * documented caveat).
 */
export function eventFields(event: Record<string, unknown>, needs: FieldNeeds): Map<string, EventField[]> {
  const out = new Map<string, EventField[]>();
  let nextArray = 0;
  const push = (name: string, value: unknown, membership: Membership) => {
    let list = out.get(name);
    if (!list) out.set(name, (list = []));
    list.push({ value, membership });
  };
  const visit = (name: string, value: unknown, membership: Membership): void => {
    if (Array.isArray(value)) {
      const id = nextArray++;
      value.forEach((element, index) => {
        const m = new Map(membership);
        m.set(id, index);
        visit(name, element, m);
      });
    } else if (isObject(value)) {
      if (needs.prefixes.has(name)) walk(value, name, membership);
    } else if (needs.leaves.has(name)) push(name, value, membership);
  };
  const walk = (obj: Record<string, unknown>, prefix: string, membership: Membership): void => {
    for (const key of Object.keys(obj)) {
      const name = prefix === '' ? key : `${prefix}.${key}`;
      if (needs.leaves.has(name) || needs.prefixes.has(name)) visit(name, obj[key], membership);
    }
  };
  walk(event, '', NONE);
  return out;
}

/**
 * Two fields may be used together only if, for every array both sit in, they sit in the same
 * element (event-ruler's array consistency). Returns the merged membership, or null.
 */
export function mergeMembership(a: Membership, b: Membership): Membership | null {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  let merged: Map<number, number> | null = null;
  for (const [id, index] of b) {
    const mine = a.get(id);
    if (mine === undefined) {
      merged ??= new Map(a);
      merged.set(id, index);
    } else if (mine !== index) return null;
  }
  return merged ?? a;
}
