/**
 * An event as aws/event-ruler (the matcher EventBridge runs) sees it: leaf fields, each with a
 * dotted name (`detail.requestParameters.userName`), a scalar value, and the array elements it sits
 * in ("array membership"). Arrays are crushed out at any depth (`{"a":[["x"]]}` has the field
 * `a = "x"`); objects and empty arrays are not leaves. Only the names a pattern asks about are
 * collected, walking a trie of those names, so the cost follows the pattern, not the event.
 */

/** Array id → element index, for every array a field sits in; null when it sits in none. Never mutated. */
export type Membership = ReadonlyMap<number, number> | null;

/** One leaf of the flattened event. */
export interface EventField {
  value: unknown;
  membership: Membership;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names a pattern reads, as a trie over their keys; `slot` numbers the leaf names. */
export interface FieldTrie {
  children: Map<string, FieldTrie>;
  /** Index of this dotted name among the pattern's leaf names, when it is one. */
  slot?: number;
}

/** Builds the trie of leaf names given as key paths; returns it with the number of slots. */
export function fieldTrie(paths: readonly (readonly string[])[]): { trie: FieldTrie; slots: number } {
  const trie: FieldTrie = { children: new Map() };
  let slots = 0;
  for (const path of paths) {
    let node = trie;
    for (const key of path) {
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = { children: new Map() }));
      node = next;
    }
    node.slot ??= slots++;
  }
  return { trie, slots };
}

interface Walk {
  out: EventField[][];
  nextArray: number;
}

function visit(w: Walk, node: FieldTrie, value: unknown, membership: Membership): void {
  if (Array.isArray(value)) {
    const id = w.nextArray++;
    for (let index = 0; index < value.length; index++) {
      const m = membership === null ? new Map<number, number>() : new Map(membership);
      m.set(id, index);
      visit(w, node, value[index], m);
    }
  } else if (isObject(value)) {
    if (node.children.size > 0) walk(w, node, value, membership);
  } else if (node.slot !== undefined) {
    let list = w.out[node.slot];
    if (list === undefined) w.out[node.slot] = list = [];
    list.push({ value, membership });
  }
}

function walk(w: Walk, node: FieldTrie, obj: Record<string, unknown>, membership: Membership): void {
  for (const [key, child] of node.children) {
    const v = obj[key];
    if (v !== undefined && Object.prototype.hasOwnProperty.call(obj, key)) visit(w, child, v, membership);
  }
}

const NO_FIELDS: readonly EventField[] = [];

/** The event's fields per slot (an empty list when the event has none of that name). */
export function eventFields(event: Record<string, unknown>, trie: FieldTrie, slots: number): (readonly EventField[])[] {
  const w: Walk = { out: new Array<EventField[]>(slots), nextArray: 0 };
  walk(w, trie, event, null);
  const out = w.out as (readonly EventField[] | undefined)[];
  for (let i = 0; i < slots; i++) if (out[i] === undefined) out[i] = NO_FIELDS;
  return out as (readonly EventField[])[];
}

/**
 * Two fields may be used together only if, for every array both sit in, they sit in the same
 * element (event-ruler's array consistency). Returns the merged membership, or false.
 */
export function mergeMembership(a: Membership, b: Membership): Membership | false {
  if (b === null || b.size === 0) return a;
  if (a === null || a.size === 0) return b;
  let merged: Map<number, number> | null = null;
  for (const [id, index] of b) {
    const mine = a.get(id);
    if (mine === undefined) {
      merged ??= new Map(a);
      merged.set(id, index);
    } else if (mine !== index) return false;
  }
  return merged ?? a;
}
