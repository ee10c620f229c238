/**
 * Policies compiled once into a form that is cheap to evaluate many times: action patterns
 * lower-cased into globs, resource patterns pre-split into per-segment globs, condition clauses
 * compiled, principals normalised, and statements indexed by service prefix so a request only
 * looks at statements that can name its action. Compilation is cached per `Policy` object.
 */
import type { Policy, Statement } from '../model/policy/ast.js';
import { ArnPattern } from './arn-pattern.js';
import { compileClause, type CompiledClause } from './conditions/clause.js';
import { TextMemo } from './text-memo.js';
import type { MatchedStatement } from './types.js';
import { hasVariables, parseTemplate, type TemplatePart } from './variables.js';
import { Glob, STAR, tokenizeGlob, type GlobToken } from './wildcard.js';

/**
 * A resource pattern: compiled now, or (with variables) a template compiled per request. A template
 * keeps `head`, its partition/service/region/account segments with any resource part: the segments
 * a variable cannot be in, matched before the variable is needed (`null`: not a six-segment ARN).
 */
export type CompiledResource = { kind: 'pattern'; pattern: ArnPattern } | { kind: 'template'; template: TemplatePart[]; head: ArnPattern | null };

/** A normalised principal element. */
export interface CompiledPrincipal {
  negated: boolean;
  /** `"*"` or `{"AWS": "*"}`. */
  anyone: boolean;
  /** Listed AWS principal ARNs (account ids normalised to `arn:<partition>:iam::<id>:root`). */
  arns: Set<string>;
  /** Listed accounts (from account ids and `:root` ARNs). */
  accounts: Set<string>;
  /** Service, Federated and CanonicalUser values. */
  others: Set<string>;
}

/** One compiled statement. */
export interface CompiledStatement {
  policy: Policy;
  statement: Statement;
  allow: boolean;
  notAction: boolean;
  /** Lower-cased action globs. */
  actions: Glob[];
  notResource: boolean;
  /** The policy type carries a Principal element that must match the caller (resource, trust, RCP). */
  readonly withPrincipal: boolean;
  /** Slot for layer.ts's shared explanation entry (a field, not a symbol property: read in place). */
  entry: MatchedStatement | undefined;
  /** Absent: the statement has no Resource element (trust policies): it matches any resource. */
  readonly resources: CompiledResource[] | undefined;
  readonly principal: CompiledPrincipal | undefined;
  readonly conditions: CompiledClause[];
}

/** One compiled policy. */
export interface CompiledPolicy {
  policy: Policy;
  statements: CompiledStatement[];
  /** Condition operators Cordon does not know (their clauses never match). */
  readonly unsupportedOperators: string[];
  /** Statements that may name an action of `service` (lower case), in document order. */
  forService(service: string): readonly CompiledStatement[];
  /**
   * Statements whose Action/NotAction matches `actionLower` (service = its prefix), in document
   * order; cached per action, so evaluating many resources for one action tests action globs once.
   */
  forAction(actionLower: string, service: string): readonly CompiledStatement[];
}

/** Most actions remembered per policy before the per-action cache is reset (bounds memory). */
const ACTION_CACHE_LIMIT = 4096;

/** Does the statement's Action/NotAction element match the lower-cased action? */
export function actionMatches(cs: CompiledStatement, actionLower: string): boolean {
  let hit = false;
  for (const g of cs.actions) {
    if (g.test(actionLower)) {
      hit = true;
      break;
    }
  }
  return cs.notAction ? !hit : hit;
}

const ACCOUNT_ID = /^\d{12}$/;

/** Principal elements of at most one value, shared by text (`"*"`, one ARN, one account): read-only. */
const PRINCIPAL_MEMO = new TextMemo<CompiledPrincipal>(50_000);

function compilePrincipal(st: Statement): CompiledPrincipal | undefined {
  const block = st.principal;
  if (!block) return undefined;
  if (block.values.length > 1) return buildPrincipal(block);
  const one = block.values[0];
  const key = `${block.kind === 'NotPrincipal' ? 'N' : 'P'}${block.wildcard ? '*' : '-'}${one ? `${one.type}:${one.value.value}` : ''}`;
  return PRINCIPAL_MEMO.get(key, () => buildPrincipal(block));
}

function buildPrincipal(block: NonNullable<Statement['principal']>): CompiledPrincipal {
  const p: CompiledPrincipal = { negated: block.kind === 'NotPrincipal', anyone: block.wildcard, arns: new Set(), accounts: new Set(), others: new Set() };
  for (const { type, value } of block.values) {
    const v = value.value;
    if (type !== 'AWS') {
      p.others.add(v);
      continue;
    }
    if (v === '*') p.anyone = true;
    else if (ACCOUNT_ID.test(v)) p.accounts.add(v);
    else if (v.startsWith('arn:') && v.endsWith(':root')) {
      const account = v.split(':')[4] ?? '';
      p.accounts.add(account);
      p.arns.add(v);
    } else p.arns.add(v);
  }
  return p;
}

/** Service prefixes an action pattern can name; null when the service part has a wildcard. */
function servicesOf(pattern: string): string | null {
  const colon = pattern.indexOf(':');
  const svc = colon < 0 ? pattern : pattern.slice(0, colon);
  return svc.includes('*') || svc.includes('?') || colon < 0 ? null : svc.toLowerCase();
}

/** Index just after the fifth colon of an ARN pattern, or -1. */
function afterFifthColon(value: string): number {
  let at = -1;
  for (let i = 0; i < 5; i++) {
    at = value.indexOf(':', at + 1);
    if (at < 0) return -1;
  }
  return at + 1;
}

/** Compiled resource patterns and action globs by text (shared, read-only; see text-memo.ts). */
const RESOURCE_MEMO = new TextMemo<CompiledResource>(50_000);
const RESOURCE_MEMO_VARIABLES = new TextMemo<CompiledResource>(50_000);
const ACTION_MEMO = new TextMemo<Glob>(50_000);
const makeActionGlob = (text: string): Glob => new Glob(tokenizeGlob(text.toLowerCase()));
const makeResource = (value: string): CompiledResource => compileResourceText(value, false);
const makeResourceWithVariables = (value: string): CompiledResource => compileResourceText(value, true);

/**
 * One-element lists shared by text too (most statements name one action and one resource): the
 * list is then a hot shared object instead of one more cache miss per statement evaluated. Shared
 * lists, like everything compiled here, are never mutated.
 */
const ACTION_LIST_MEMO = new TextMemo<Glob[]>(50_000);
const RESOURCE_LIST_MEMO = new TextMemo<CompiledResource[]>(50_000);
const RESOURCE_LIST_MEMO_VARIABLES = new TextMemo<CompiledResource[]>(50_000);
const makeActionList = (text: string): Glob[] => [ACTION_MEMO.get(text, makeActionGlob)];
const makeResourceList = (value: string): CompiledResource[] => [compileResource(value, false)];
const makeResourceListWithVariables = (value: string): CompiledResource[] => [compileResource(value, true)];
const NO_CONDITIONS: CompiledClause[] = [];

function compileResources(patterns: readonly { value: string }[], variables: boolean): CompiledResource[] {
  if (patterns.length !== 1) return patterns.map((p) => compileResource(p.value, variables));
  const value = patterns[0]!.value;
  return variables ? RESOURCE_LIST_MEMO_VARIABLES.get(value, makeResourceListWithVariables) : RESOURCE_LIST_MEMO.get(value, makeResourceList);
}

function compileResource(value: string, variables: boolean): CompiledResource {
  // Keyed by the policy's own string (no key built per statement: its hash is computed once).
  return variables ? RESOURCE_MEMO_VARIABLES.get(value, makeResourceWithVariables) : RESOURCE_MEMO.get(value, makeResource);
}

function compileResourceText(value: string, variables: boolean): CompiledResource {
  // Variables are substituted only in the resource part of an ARN, after the fifth colon (IAM User
  // Guide, "IAM policy elements: Variables and tags", Where you can use policy variables).
  const cut = variables ? afterFifthColon(value) : -1;
  const parts = cut < 0 ? parseTemplate(value, true, variables && !value.startsWith('arn:')) : [...parseTemplate(value.slice(0, cut), true, false), ...parseTemplate(value.slice(cut), true, true)];
  if (!hasVariables(parts)) return { kind: 'pattern', pattern: new ArnPattern(parts as GlobToken[]) };
  const head = cut < 0 ? null : new ArnPattern([...(parseTemplate(value.slice(0, cut), true, false) as GlobToken[]), STAR]);
  return { kind: 'template', template: parts, head };
}

/**
 * A statement compiled in two steps: action globs at once (every request tests them), resource
 * patterns, conditions and principal on first use (only statements whose action matches are ever
 * looked at further; for one-shot evaluation this skips most of the compilation).
 */
class LazyStatement implements CompiledStatement {
  readonly allow: boolean;
  readonly notAction: boolean;
  readonly actions: Glob[];
  readonly notResource: boolean;
  readonly withPrincipal: boolean;
  private res: CompiledResource[] | undefined | null = null;
  private conds: CompiledClause[] | null = null;
  private princ: CompiledPrincipal | undefined | null = null;
  entry: MatchedStatement | undefined = undefined;

  constructor(
    readonly policy: Policy,
    readonly statement: Statement,
    private readonly variables: boolean,
  ) {
    this.allow = statement.effect === 'Allow';
    this.notAction = statement.action.kind === 'NotAction';
    const patterns = statement.action.patterns;
    this.actions = patterns.length === 1 ? ACTION_LIST_MEMO.get(patterns[0]!.value, makeActionList) : patterns.map((p) => ACTION_MEMO.get(p.value, makeActionGlob));
    this.notResource = statement.resource?.kind === 'NotResource';
    // Read here, not per request: the policy object is one more cache miss per statement evaluated.
    this.withPrincipal = policy.type === 'resource' || policy.type === 'trust' || policy.type === 'rcp';
  }

  get resources(): CompiledResource[] | undefined {
    if (this.res === null) {
      const block = this.statement.resource;
      this.res = block ? compileResources(block.patterns, this.variables) : undefined;
    }
    return this.res;
  }

  get conditions(): CompiledClause[] {
    if (this.conds === null) this.conds = this.statement.conditions.length === 0 ? NO_CONDITIONS : this.statement.conditions.map((c) => compileClause(c, this.variables));
    return this.conds;
  }

  get principal(): CompiledPrincipal | undefined {
    if (this.princ === null) this.princ = compilePrincipal(this.statement);
    return this.princ;
  }
}

/**
 * A compiled policy. Its per-service and per-action indexes are created on first use: one-shot
 * (cold) evaluation asks for one action only, and allocating maps for every policy showed up as
 * garbage-collection time.
 */
class CompiledPolicyImpl implements CompiledPolicy {
  readonly statements: CompiledStatement[];
  private byService: Map<string, CompiledStatement[]> | undefined;
  private byAction: Map<string, readonly CompiledStatement[]> | undefined;
  private lastAction: string | undefined;
  private lastList: readonly CompiledStatement[] | undefined;

  constructor(readonly policy: Policy) {
    const variables = policy.version === '2012-10-17';
    this.statements = policy.statements.map((st) => new LazyStatement(policy, st, variables));
  }

  get unsupportedOperators(): string[] {
    const unsupported = new Set<string>();
    for (const cs of this.statements) for (const c of cs.conditions) if (!c.supported) unsupported.add(c.clause.operator);
    return [...unsupported].sort();
  }

  forService(service: string): readonly CompiledStatement[] {
    this.byService ??= new Map();
    let list = this.byService.get(service);
    if (!list) {
      list = this.statements.filter((cs) => cs.notAction || cs.statement.action.patterns.some((p) => {
        const svc = servicesOf(p.value);
        return svc === null || svc === service;
      }));
      this.byService.set(service, list);
    }
    return list;
  }

  forAction(actionLower: string, _service: string): readonly CompiledStatement[] {
    // One-entry memo before the map: most policies are asked about one action at a time, and the
    // request's lower-cased action is interned (request.ts), so this is a pointer comparison.
    if (this.lastAction === actionLower) return this.lastList!;
    let list = this.byAction?.get(actionLower);
    if (!list) {
      const out: CompiledStatement[] = [];
      for (const cs of this.statements) if (actionMatches(cs, actionLower)) out.push(cs);
      list = out;
      // The map is made only when a second action is asked: a policy evaluated once (cold) never allocates it.
      if (this.lastAction !== undefined) {
        this.byAction ??= new Map([[this.lastAction, this.lastList!]]);
        if (this.byAction.size >= ACTION_CACHE_LIMIT) this.byAction.clear();
        this.byAction.set(actionLower, list);
      }
    }
    this.lastAction = actionLower;
    this.lastList = list;
    return list;
  }
}

function build(policy: Policy): CompiledPolicy {
  return new CompiledPolicyImpl(policy);
}

const COMPILED: unique symbol = Symbol('cordon.compiled');
const frozenCache = new WeakMap<Policy, CompiledPolicy>();

/**
 * Compiles a policy (cached: compiling the same object twice returns the same result). The cache
 * is a non-enumerable symbol property on the policy object rather than a WeakMap: with tens of
 * thousands of short-lived policies (cold evaluation) WeakMap ephemerons dominated GC time.
 */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const holder = policy as Policy & { [COMPILED]?: CompiledPolicy };
  const own = holder[COMPILED];
  if (own) return own;
  if (!Object.isExtensible(policy)) {
    let c = frozenCache.get(policy);
    if (!c) frozenCache.set(policy, (c = build(policy)));
    return c;
  }
  const c = build(policy);
  Object.defineProperty(policy, COMPILED, { value: c, enumerable: false });
  return c;
}
