/**
 * Three-valued evaluation of IAM Conditions (the documented CEL subset: `resource.name`,
 * `resource.type`, `resource.service`, `request.time` and its `get*` functions, tag functions,
 * string functions, `timestamp()`/`duration()`). An attribute Cordon does not know evaluates to
 * UNKNOWN, which `&&`/`||` absorb as CEL's commutative logic does; the result is `true`, `false`
 * or `'unknown'` (Policy Troubleshooter's CONDITIONAL). Evaluation errors count as false, as IAM
 * does not grant a binding whose condition errors. `matches()` (RE2) is UNKNOWN: Cordon builds no
 * regex from policy text.
 */
import type { Tri } from '../../types.js';
import type { CelNode } from './parser.js';

/** Attributes known for one request; anything absent is unknown. */
export interface CelAttributes {
  resource?: { name?: string; type?: string; service?: string; tags?: Record<string, string> };
  request?: { time?: Date };
}

class Ts {
  constructor(readonly ms: number) {}
}
class Dur {
  constructor(readonly ms: number) {}
}
class Err {
  constructor(readonly message: string) {}
}
class Attr {
  constructor(
    readonly path: string,
    readonly fields: Record<string, Value>,
  ) {}
}
const UNKNOWN = Symbol('unknown');
type Value = string | number | boolean | null | Ts | Dur | Err | Attr | typeof UNKNOWN | Value[] | Map<unknown, Value>;

/** Result of one evaluation and the unknown attributes it depended on. */
export interface CelResult {
  value: Tri;
  unknowns: string[];
  error?: string;
}

function parseDuration(text: string): number | undefined {
  let total = 0;
  let rest = text.trim();
  if (rest.length === 0) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 };
  while (rest.length > 0) {
    const m = /^(-?\d+(?:\.\d+)?)(ms|us|ns|h|m|s)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * units[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

// One part of a timestamp in a time zone (IAM's request.time.getX("Europe/Berlin")).
function timePart(ms: number, fn: string, zone: string | undefined): number | Err {
  const tz = zone ?? 'UTC';
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' }).formatToParts(new Date(ms));
  } catch {
    return new Err(`unknown time zone \`${tz}\``);
  }
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '0';
  const year = Number(get('year'));
  const month = Number(get('month'));
  const day = Number(get('day'));
  switch (fn) {
    case 'getFullYear':
      return year;
    case 'getMonth':
      return month - 1;
    case 'getDate':
      return day;
    case 'getDayOfMonth':
      return day - 1;
    case 'getDayOfWeek':
      return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
    case 'getDayOfYear':
      return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000);
    case 'getHours':
      return Number(get('hour'));
    case 'getMinutes':
      return Number(get('minute'));
    case 'getSeconds':
      return Number(get('second'));
    case 'getMilliseconds':
      return ms % 1000;
    default:
      return new Err(`unknown function \`${fn}\``);
  }
}

/** IAM's `extract("prefix{x}suffix")`: the text between a prefix and a suffix, '' when absent. */
function extract(value: string, template: string): string | Err {
  const open = template.indexOf('{');
  const close = template.indexOf('}', open);
  if (open < 0 || close < 0) return new Err('extract template needs `{...}`');
  const prefix = template.slice(0, open);
  const suffix = template.slice(close + 1);
  const start = value.indexOf(prefix);
  if (start < 0) return '';
  const from = start + prefix.length;
  if (suffix === '') return value.slice(from);
  const end = value.indexOf(suffix, from);
  return end < 0 ? '' : value.slice(from, end);
}

function equal(a: Value, b: Value): boolean {
  if (a instanceof Ts && b instanceof Ts) return a.ms === b.ms;
  if (a instanceof Dur && b instanceof Dur) return a.ms === b.ms;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]!));
  return a === b;
}

function order(a: Value, b: Value): number | Err {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Ts && b instanceof Ts) return a.ms - b.ms;
  if (a instanceof Dur && b instanceof Dur) return a.ms - b.ms;
  return new Err('no ordering between these values');
}

/** Evaluates a parsed condition against what is known of the request. */
export function evaluateCel(node: CelNode, attrs: CelAttributes): CelResult {
  const unknowns = new Set<string>();
  const unknown = (path: string): typeof UNKNOWN => {
    unknowns.add(path);
    return UNKNOWN;
  };
  const res = attrs.resource ?? {};
  const env: Record<string, Value> = {
    resource: new Attr('resource', { name: res.name ?? UNKNOWN, type: res.type ?? UNKNOWN, service: res.service ?? UNKNOWN }),
    request: new Attr('request', { time: attrs.request?.time ? new Ts(attrs.request.time.getTime()) : UNKNOWN }),
  };

  function tagCall(fn: string, args: Value[]): Value {
    if (args.some((a) => a === UNKNOWN)) return UNKNOWN;
    if (fn === 'matchTagId' || fn === 'hasTagKeyId') return unknown(`resource.${fn}`);
    if (!res.tags) return unknown('resource.tags');
    const key = String(args[0]);
    if (fn === 'hasTagKey') return key in res.tags;
    if (fn === 'matchTag') return res.tags[key] === String(args[1]);
    return new Err(`unknown function \`${fn}\``);
  }

  function call(fn: string, target: Value | undefined, args: Value[], targetPath: string): Value {
    if (target instanceof Attr && target.path === 'resource' && (fn === 'matchTag' || fn === 'matchTagId' || fn === 'hasTagKey' || fn === 'hasTagKeyId')) return tagCall(fn, args);
    if (target instanceof Attr) return unknown(`${target.path}.${fn}()`);
    if (target === UNKNOWN || args.includes(UNKNOWN)) return UNKNOWN;
    if (target instanceof Err) return target;
    const bad = args.find((a) => a instanceof Err);
    if (bad) return bad;
    if (target === undefined) {
      if (fn === 'timestamp' && typeof args[0] === 'string') {
        const ms = Date.parse(args[0]);
        return Number.isNaN(ms) ? new Err(`bad timestamp \`${args[0]}\``) : new Ts(ms);
      }
      if (fn === 'duration' && typeof args[0] === 'string') {
        const ms = parseDuration(args[0]);
        return ms === undefined ? new Err(`bad duration \`${args[0]}\``) : new Dur(ms);
      }
      if (fn === 'size') return typeof args[0] === 'string' || Array.isArray(args[0]) ? args[0].length : new Err('size of a non-list');
      if (fn === 'string') return String(args[0]);
      if (fn === 'int') return typeof args[0] === 'number' || typeof args[0] === 'string' ? Math.trunc(Number(args[0])) : new Err('int of a non-number');
      return new Err(`unknown function \`${fn}\``);
    }
    if (typeof target === 'string') {
      const arg = args[0];
      if (fn === 'size') return target.length;
      if (fn === 'matches') return unknown(`${targetPath}.matches()`);
      if (typeof arg !== 'string') return new Err(`\`${fn}\` needs a string argument`);
      if (fn === 'startsWith') return target.startsWith(arg);
      if (fn === 'endsWith') return target.endsWith(arg);
      if (fn === 'contains') return target.includes(arg);
      if (fn === 'extract') return extract(target, arg);
    }
    if (target instanceof Ts && fn.startsWith('get')) return timePart(target.ms, fn, typeof args[0] === 'string' ? args[0] : undefined);
    if (Array.isArray(target) && fn === 'size') return target.length;
    return new Err(`unknown function \`${fn}\``);
  }

  function logical(op: '&&' | '||', l: Value, r: () => Value): Value {
    const dominant = op === '||';
    if (l === dominant) return dominant;
    const rv = r();
    if (rv === dominant) return dominant;
    if (l === UNKNOWN || rv === UNKNOWN) return UNKNOWN;
    if (l instanceof Err) return l;
    if (rv instanceof Err) return rv;
    if (typeof l !== 'boolean' || typeof rv !== 'boolean') return new Err(`\`${op}\` needs booleans`);
    return !dominant;
  }

  function binary(op: string, l: Value, r: Value): Value {
    if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
    if (l instanceof Err) return l;
    if (r instanceof Err) return r;
    switch (op) {
      case '==':
        return equal(l, r);
      case '!=':
        return !equal(l, r);
      case 'in':
        return Array.isArray(r) ? r.some((x) => equal(l, x)) : r instanceof Map ? r.has(l) : new Err('`in` needs a list or map');
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const c = order(l, r);
        if (c instanceof Err) return c;
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      }
      case '+':
        if (typeof l === 'number' && typeof r === 'number') return l + r;
        if (typeof l === 'string' && typeof r === 'string') return l + r;
        if (l instanceof Ts && r instanceof Dur) return new Ts(l.ms + r.ms);
        if (l instanceof Dur && r instanceof Ts) return new Ts(l.ms + r.ms);
        if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
        return new Err('bad operands for `+`');
      case '-':
        if (typeof l === 'number' && typeof r === 'number') return l - r;
        if (l instanceof Ts && r instanceof Dur) return new Ts(l.ms - r.ms);
        if (l instanceof Ts && r instanceof Ts) return new Dur(l.ms - r.ms);
        return new Err('bad operands for `-`');
      case '*':
      case '/':
      case '%':
        if (typeof l !== 'number' || typeof r !== 'number') return new Err(`bad operands for \`${op}\``);
        if (op !== '*' && r === 0) return new Err('division by zero');
        return op === '*' ? l * r : op === '/' ? Math.trunc(l / r) : l % r;
      default:
        return new Err(`unknown operator \`${op}\``);
    }
  }

  const pathOf = (n: CelNode): string => (n.kind === 'ident' ? n.name : n.kind === 'select' ? `${pathOf(n.operand)}.${n.field}` : '');

  function ev(n: CelNode): Value {
    switch (n.kind) {
      case 'lit':
        return n.value;
      case 'ident':
        return env[n.name] ?? new Attr(n.name, {});
      case 'select': {
        const o = ev(n.operand);
        if (o === UNKNOWN) return UNKNOWN;
        if (o instanceof Attr) {
          const v = o.fields[n.field];
          if (v === undefined) return new Attr(`${o.path}.${n.field}`, {});
          return v === UNKNOWN ? unknown(`${o.path}.${n.field}`) : v;
        }
        return o instanceof Err ? o : new Err(`no field \`${n.field}\``);
      }
      case 'call': {
        const target = n.target ? ev(n.target) : undefined;
        return call(n.fn, target instanceof Attr && Object.keys(target.fields).length === 0 && target.path !== 'resource' && target.path !== 'request' ? unknown(target.path) : target, n.args.map(ev), n.target ? pathOf(n.target) : '');
      }
      case 'index': {
        const o = ev(n.operand);
        const i = ev(n.index);
        if (o === UNKNOWN || i === UNKNOWN || o instanceof Attr) return o instanceof Attr ? unknown(o.path) : UNKNOWN;
        if (Array.isArray(o) && typeof i === 'number') return o[i] ?? new Err('index out of range');
        if (o instanceof Map) return o.get(i) ?? new Err('no such key');
        return new Err('bad index');
      }
      case 'list':
        return n.items.map(ev);
      case 'map':
        return new Map(n.entries.map((e) => [ev(e.key), ev(e.value)]));
      case 'unary': {
        const v = ev(n.operand);
        if (v === UNKNOWN || v instanceof Err) return v;
        if (n.op === '!') return typeof v === 'boolean' ? !v : new Err('`!` needs a boolean');
        return typeof v === 'number' ? -v : new Err('`-` needs a number');
      }
      case 'binary': {
        if (n.op === '&&' || n.op === '||') return logical(n.op, ev(n.left), () => ev(n.right));
        const l = ev(n.left);
        const r = ev(n.right);
        return binary(n.op, l instanceof Attr ? unknown(l.path) : l, r instanceof Attr ? unknown(r.path) : r);
      }
      case 'cond': {
        const t = ev(n.test);
        if (t === UNKNOWN) return UNKNOWN;
        if (typeof t !== 'boolean') return t instanceof Err ? t : new Err('condition of `?:` is not a boolean');
        return t ? ev(n.then) : ev(n.else);
      }
    }
  }

  const v = ev(node);
  const list = [...unknowns].sort();
  if (v === true) return { value: true, unknowns: list };
  if (v === UNKNOWN || v instanceof Attr) return { value: 'unknown', unknowns: list.length > 0 ? list : ['(unknown attribute)'] };
  if (v instanceof Err) return { value: false, unknowns: list, error: v.message };
  return { value: false, unknowns: list, error: v === false ? undefined : 'condition is not a boolean' };
}
