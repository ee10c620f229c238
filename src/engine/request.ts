/**
 * A request prepared once for evaluation: lower-cased action and its service, the resource split
 * into ARN parts, and a context lookup that merges the caller's context, keys derived from the
 * principal and resource facts (`aws:PrincipalArn`, `aws:PrincipalTag/...`, `aws:ResourceAccount`
 * ...) and the declared unknown keys. Explicit context always wins over derived keys.
 */
import { splitArn } from './arn-pattern.js';
import type { AuthorizationRequest, EvaluationInput } from './types.js';
import { UNKNOWN, type ContextLookup } from './variables.js';

/** Who is calling, normalised. */
export interface Caller {
  arn: string;
  account: string;
  partition: string;
  /** For role sessions: the role ARN (`aws:PrincipalArn`). */
  sessionIssuer?: string;
  isRoot: boolean;
  /** A service principal such as `lambda.amazonaws.com`. */
  isService: boolean;
  isUser: boolean;
  isSession: boolean;
  /** An IAM role ARN used as the caller (Cordon's stand-in for "any session of this role"). */
  isRole: boolean;
}

/** A request ready for statement matching. */
export interface PreparedRequest {
  caller: Caller;
  action: string;
  /** Lower-cased action, the form action globs are compiled to. */
  actionLower: string;
  /** Lower-cased service prefix. */
  service: string;
  resource: string;
  resourceParts: string[];
  resourceAccount: string;
  lookup: ContextLookup;
  /** true when some key is unknown (three-valued evaluation). */
  symbolic: boolean;
  /** The caller has a permission boundary (a NotPrincipal Deny then always applies to it). */
  hasBoundary: boolean;
}

/** Derives caller facts from the principal ARN and the input's principal facts. */
export function callerOf(principal: string, input: EvaluationInput): Caller {
  const isService = !principal.startsWith('arn:') && principal.includes('.');
  const parts = splitArn(principal);
  const resource = parts[5] ?? '';
  const isSession = parts[2] === 'sts' && resource.startsWith('assumed-role/');
  let sessionIssuer = input.principal.sessionIssuer;
  if (isSession && !sessionIssuer) {
    // Without the role's path we assume the root path, as the session ARN does not carry it.
    const roleName = resource.split('/')[1] ?? '';
    sessionIssuer = `arn:${parts[1]}:iam::${parts[4]}:role/${roleName}`;
  }
  const caller: Caller = {
    arn: principal,
    account: input.principal.account || (isService ? '' : parts[4] ?? ''),
    partition: parts[1] || 'aws',
    isRoot: resource === 'root' && parts[2] === 'iam',
    isService,
    isUser: parts[2] === 'iam' && resource.startsWith('user/'),
    isSession,
    isRole: parts[2] === 'iam' && resource.startsWith('role/'),
  };
  if (sessionIssuer) caller.sessionIssuer = sessionIssuer;
  return caller;
}

function principalType(c: Caller): string {
  if (c.isRoot) return 'Account';
  if (c.isUser) return 'User';
  if (c.isSession) return 'AssumedRole';
  if (c.arn.includes(':federated-user/')) return 'FederatedUser';
  return 'AWSService';
}

function derivedKeys(c: Caller, input: EvaluationInput, resourceAccount: string): Map<string, string | string[]> {
  const m = new Map<string, string | string[]>();
  const f = input.principal;
  m.set('aws:principalisawsservice', c.isService ? 'true' : 'false');
  if (c.isService) {
    m.set('aws:principalservicename', c.arn);
  } else {
    m.set('aws:principalarn', c.sessionIssuer ?? c.arn);
    m.set('aws:principalaccount', c.account);
    m.set('aws:principaltype', principalType(c));
    if (c.isUser) m.set('aws:username', c.arn.slice(c.arn.lastIndexOf('/') + 1));
    if (f.userId) m.set('aws:userid', f.userId);
    if (f.orgId) m.set('aws:principalorgid', f.orgId);
    if (f.orgPath) m.set('aws:principalorgpaths', [f.orgPath]);
    for (const [k, v] of Object.entries(f.tags ?? {})) m.set(`aws:principaltag/${k.toLowerCase()}`, v);
  }
  if (resourceAccount) m.set('aws:resourceaccount', resourceAccount);
  if (input.resourceOrgId) m.set('aws:resourceorgid', input.resourceOrgId);
  for (const [k, v] of Object.entries(input.resourceTags ?? {})) m.set(`aws:resourcetag/${k.toLowerCase()}`, v);
  return m;
}

const CALLER: unique symbol = Symbol('cordon.caller');

/** callerOf, remembered on the principal facts object (warm evaluation reuses the same input). */
function cachedCaller(principal: string, input: EvaluationInput): Caller {
  const facts = input.principal as EvaluationInput['principal'] & { [CALLER]?: Caller };
  const hit = facts[CALLER];
  if (hit && hit.arn === principal) return hit;
  const c = callerOf(principal, input);
  if (Object.isExtensible(facts)) Object.defineProperty(facts, CALLER, { value: c, enumerable: false, writable: true });
  return c;
}

const DERIVED: unique symbol = Symbol('cordon.derived');
type DerivedCache = { caller: Caller; resourceAccount: string; keys: Map<string, string | string[]> };

/** derivedKeys, remembered on the input for its last caller and resource account. */
function cachedDerived(input: EvaluationInput, caller: Caller, resourceAccount: string): Map<string, string | string[]> {
  const holder = input as EvaluationInput & { [DERIVED]?: DerivedCache };
  const hit = holder[DERIVED];
  if (hit && hit.caller === caller && hit.resourceAccount === resourceAccount) return hit.keys;
  const keys = derivedKeys(caller, input, resourceAccount);
  if (Object.isExtensible(input)) Object.defineProperty(input, DERIVED, { value: { caller, resourceAccount, keys }, enumerable: false, writable: true });
  return keys;
}

const NO_UNKNOWN: ReadonlySet<string> = new Set();

/** `absentKeys` lists as lower-cased sets, by list identity (callers pass one constant list). */
const ABSENT_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();
function absentSet(list: readonly string[] | undefined): ReadonlySet<string> {
  if (!list || list.length === 0) return NO_UNKNOWN;
  let set = ABSENT_SETS.get(list);
  if (!set) ABSENT_SETS.set(list, (set = new Set(list.map((k) => k.toLowerCase()))));
  return set;
}

/** What the context lookup reads. */
interface LookupState {
  input: EvaluationInput;
  request: AuthorizationRequest;
  caller: Caller;
  resourceAccount: string;
  unknown: ReadonlySet<string>;
  allMissing: boolean;
  /** Keys known missing (lower-cased): never unknown under `allMissing`. */
  absent: ReadonlySet<string>;
  /** The explicit context by lower-cased key; built only for contexts of more than SMALL_CONTEXT keys. */
  ctx?: Map<string, string | readonly string[]>;
  /** The explicit context has at most SMALL_CONTEXT keys: scanned instead of indexed. */
  small?: boolean;
  derived?: Map<string, string | string[]>;
}

/** Contexts up to this many keys are scanned per lookup rather than copied into a Map per request. */
const SMALL_CONTEXT = 8;

/** Lower-cased context keys, interned (bounded): requests repeat the same few keys. */
const LOWER_KEYS = new Map<string, string>();
function lowerKey(k: string): string {
  let lower = LOWER_KEYS.get(k);
  if (lower === undefined) {
    if (LOWER_KEYS.size >= 50_000) LOWER_KEYS.clear();
    LOWER_KEYS.set(k, (lower = k.toLowerCase()));
  }
  return lower;
}

/** The explicit context value of a lower-cased key; the last of keys differing only in case wins. */
function explicitValue(st: LookupState, key: string): string | readonly string[] | undefined {
  const context = st.request.context;
  if (!context) return undefined;
  if (st.small === undefined) {
    let n = 0;
    for (const _ in context) if (++n > SMALL_CONTEXT) break;
    st.small = n <= SMALL_CONTEXT;
    if (!st.small) {
      st.ctx = new Map();
      for (const k in context) st.ctx.set(lowerKey(k), context[k]!);
    }
  }
  if (!st.small) return st.ctx!.get(key);
  let found: string | readonly string[] | undefined;
  for (const k in context) if (lowerKey(k) === key) found = context[k];
  return found;
}

function lookupKey(st: LookupState, key: string): string | readonly string[] | undefined | typeof UNKNOWN {
  if (st.unknown.has(key)) return UNKNOWN;
  const explicit = explicitValue(st, key);
  if (explicit !== undefined) return explicit;
  st.derived ??= cachedDerived(st.input, st.caller, st.resourceAccount);
  if (st.allMissing && tagsUnknown(st.input, key)) return UNKNOWN;
  // `iam:ResourceTag/k` is IAM's name for the tags of the IAM user or role the request is on.
  const d = st.derived.get(key) ?? (key.startsWith('iam:resourcetag/') && st.request.resource.includes(':iam::') ? st.derived.get(`aws:${key.slice(4)}`) : undefined);
  if (d !== undefined) return d;
  return st.allMissing && !tagsComplete(st.input, key) && !st.absent.has(key) ? UNKNOWN : undefined;
}

const isPrincipalTag = (key: string) => key.startsWith('aws:principaltag/');
const isResourceTag = (key: string) => key.startsWith('aws:resourcetag/') || key.startsWith('iam:resourcetag/');

/** A tag key of a caller or resource whose tags the attacker can rewrite: any value may be chosen. */
function tagsUnknown(input: EvaluationInput, key: string): boolean {
  if (isPrincipalTag(key)) return input.principal.tagsMutable?.() === true;
  return isResourceTag(key) && input.resourceTagsMutable?.() === true;
}

/** A tag key absent from a tag set known in full is missing, not unknown. */
function tagsComplete(input: EvaluationInput, key: string): boolean {
  return (input.principal.tags !== undefined && isPrincipalTag(key)) || (input.resourceTags !== undefined && isResourceTag(key));
}

/**
 * The lookup closure, returned anonymously: the tsx loader wraps every *named* closure in a
 * `__name` call (Object.defineProperty), which cost ~10% of a warm decision.
 */
function makeLookup(st: LookupState): ContextLookup {
  return (key) => lookupKey(st, key);
}

/**
 * Split resource ARNs, memoised: analyzers ask about the same few thousand resources again and
 * again. Bounded (cleared when full) so a long scan cannot grow it without limit. The arrays are
 * never mutated by the engine.
 */
const SPLIT_CACHE = new Map<string, string[]>();
function splitResource(arn: string): string[] {
  let parts = SPLIT_CACHE.get(arn);
  if (!parts) {
    if (SPLIT_CACHE.size >= 50_000) SPLIT_CACHE.clear();
    SPLIT_CACHE.set(arn, (parts = splitArn(arn)));
  }
  return parts;
}

/**
 * Lower-cased actions, interned: the same string object for every request naming an action, so
 * per-policy caches keyed by it compare pointers and reuse the string's cached hash. Bounded.
 */
const LOWER_ACTIONS = new Map<string, string>();
function lowerAction(action: string): string {
  let lower = LOWER_ACTIONS.get(action);
  if (lower === undefined) {
    if (LOWER_ACTIONS.size >= 50_000) LOWER_ACTIONS.clear();
    LOWER_ACTIONS.set(action, (lower = action.toLowerCase()));
  }
  return lower;
}

/** Prepares a request against an input. */
export function prepareRequest(input: EvaluationInput, request: AuthorizationRequest): PreparedRequest {
  const caller = cachedCaller(request.principal, input);
  const action = request.action;
  const actionLower = lowerAction(action);
  const colon = actionLower.indexOf(':');
  const resourceParts = splitResource(request.resource);
  const resourceAccount = request.resourceAccount ?? (request.resource.startsWith('arn:') ? resourceParts[4] ?? '' : '');
  const unknownList = request.unknownKeys;
  const allMissing = unknownList === 'all-missing';
  const unknown = Array.isArray(unknownList) && unknownList.length > 0 ? new Set(unknownList.map((k) => k.toLowerCase())) : NO_UNKNOWN;
  const lookup = makeLookup({ input, request, caller, resourceAccount, unknown, allMissing, absent: absentSet(request.absentKeys) });
  return {
    caller,
    action,
    actionLower,
    service: colon < 0 ? actionLower : actionLower.slice(0, colon),
    resource: request.resource,
    resourceParts,
    resourceAccount,
    lookup,
    symbolic: allMissing || unknown.size > 0,
    hasBoundary: input.boundary !== undefined,
  };
}
