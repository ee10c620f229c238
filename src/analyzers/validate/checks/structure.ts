/** Grammar checks: version, statement, elements, their types and combinations, Sids, size. */
import { objectMembers, type StatementView } from '../document.js';
import type { CheckHit, PolicyCheck, ValidationContext } from '../types.js';

type Json = Record<string, unknown>;
const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const RESOURCE_POLICIES = ['resource', 'trust', 'rcp'] as const;
const hit = (pointer: string, message: string): CheckHit[] => [{ pointer, message }];
const rootObject = (ctx: ValidationContext): Json | undefined => (ctx.policy.value && typeof ctx.policy.value === 'object' && !Array.isArray(ctx.policy.value) ? (ctx.policy.value as Json) : undefined);
const isStringList = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/** Non-whitespace characters, the way IAM counts policy size. */
const policySize = (text: string) => text.replace(/\s/g, '').length;

export const STRUCTURE_CHECKS: readonly PolicyCheck[] = [
  {
    code: 'MISSING_VERSION',
    severity: 'WARNING',
    source: 'access-analyzer',
    summary: 'the policy has no Version element (2008-10-17 rules, no policy variables)',
    policy: (ctx) => (rootObject(ctx) && !('Version' in rootObject(ctx)!) ? hit('', 'Add "Version": "2012-10-17" to the policy.') : []),
  },
  {
    code: 'INVALID_VERSION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'Version is neither 2012-10-17 nor 2008-10-17',
    policy: (ctx) => {
      const v = rootObject(ctx)?.Version;
      return v !== undefined && v !== '2012-10-17' && v !== '2008-10-17' ? hit('/Version', `The version ${JSON.stringify(v)} is not valid; use "2012-10-17".`) : [];
    },
  },
  {
    code: 'MISSING_STATEMENT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'no Statement element, or it holds no statement',
    policy: (ctx) => {
      const root = rootObject(ctx);
      if (!root) return hit('', 'The policy must be a JSON object with a "Statement" element.');
      const s = root.Statement;
      return s === undefined || (Array.isArray(s) && s.length === 0) ? hit(s === undefined ? '' : '/Statement', 'Add at least one statement to the "Statement" element.') : [];
    },
  },
  {
    code: 'INVALID_POLICY_ELEMENT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an element that the policy grammar does not know',
    policy: (ctx) => {
      const out: CheckHit[] = [];
      const root = rootObject(ctx);
      for (const key of Object.keys(root ?? {})) if (!TOP_KEYS.has(key) && ![...TOP_KEYS].some((k) => k.toLowerCase() === key.toLowerCase())) out.push({ pointer: `/${key}`, message: `The element ${key} is not valid in a policy.` });
      for (const s of ctx.policy.statements) for (const key of Object.keys(s.raw)) if (!STATEMENT_KEYS.has(key) && ![...STATEMENT_KEYS].some((k) => k.toLowerCase() === key.toLowerCase())) out.push({ pointer: `${s.pointer}/${key}`, message: `The element ${key} is not valid in a statement.` });
      return out;
    },
  },
  {
    code: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'two keys of one object differ only by case',
    policy: (ctx) =>
      objectMembers(ctx.policy).flatMap(({ keys }) => {
        const seen = new Map<string, string>();
        const out: CheckHit[] = [];
        for (const { key, pointer } of keys) {
          const prev = seen.get(key.toLowerCase());
          if (prev !== undefined && prev !== key) out.push({ pointer, message: `The key ${key} duplicates ${prev} with a different case.` });
          else seen.set(key.toLowerCase(), key);
        }
        return out;
      }),
  },
  {
    code: 'DATA_TYPE_MISMATCH',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'an element of the wrong JSON type (e.g. a number for Effect)',
    policy: (ctx) => {
      const out: CheckHit[] = [];
      const root = rootObject(ctx);
      if (root && root.Statement !== undefined && (typeof root.Statement !== 'object' || root.Statement === null)) out.push({ pointer: '/Statement', message: 'Statement must be an object or an array of objects.' });
      if (Array.isArray(root?.Statement)) root.Statement.forEach((s, i) => (!s || typeof s !== 'object' || Array.isArray(s)) && out.push({ pointer: `/Statement/${i}`, message: 'Each statement must be a JSON object.' }));
      if (root?.Version !== undefined && typeof root.Version !== 'string') out.push({ pointer: '/Version', message: 'Version must be a string.' });
      if (root?.Id !== undefined && typeof root.Id !== 'string') out.push({ pointer: '/Id', message: 'Id must be a string.' });
      for (const s of ctx.policy.statements) {
        if (s.sid !== undefined && typeof s.sid !== 'string') out.push({ pointer: `${s.pointer}/Sid`, message: 'Sid must be a string.' });
        if (s.effect !== undefined && typeof s.effect !== 'string') out.push({ pointer: `${s.pointer}/Effect`, message: 'Effect must be a string.' });
        for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) if (key in s.raw && !isStringList(s.raw[key])) out.push({ pointer: `${s.pointer}/${key}`, message: `${key} must be a string or an array of strings.` });
        if (s.condition !== undefined && (typeof s.condition !== 'object' || s.condition === null || Array.isArray(s.condition))) out.push({ pointer: `${s.pointer}/Condition`, message: 'Condition must be an object.' });
      }
      return out;
    },
  },
  {
    code: 'MISSING_EFFECT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a statement without Effect',
    statement: (s) => (s.effect === undefined ? hit(s.pointer, 'Add an Effect element (Allow or Deny) to the statement.') : []),
  },
  {
    code: 'INVALID_EFFECT',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'Effect is neither Allow nor Deny',
    statement: (s) => (typeof s.effect === 'string' && s.effect !== 'Allow' && s.effect !== 'Deny' ? hit(`${s.pointer}/Effect`, `The effect ${s.effect} is not valid; use Allow or Deny (case-sensitive).`) : []),
  },
  {
    code: 'MISSING_ACTION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'a statement with neither Action nor NotAction',
    statement: (s) => (!s.actionKey ? hit(s.pointer, 'Add an Action or NotAction element to the statement.') : []),
  },
  {
    code: 'MISSING_RESOURCE',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['identity', 'resource'],
    summary: 'a statement with neither Resource nor NotResource',
    statement: (s) => (!s.resourceKey ? hit(s.pointer, 'Add a Resource or NotResource element to the statement.') : []),
  },
  {
    code: 'MISSING_PRINCIPAL',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: RESOURCE_POLICIES,
    summary: 'a resource-based or trust policy statement without Principal',
    statement: (s) => (!s.principalKey ? hit(s.pointer, 'Add a Principal element to the statement; resource-based policies must name who they apply to.') : []),
  },
  {
    code: 'UNSUPPORTED_PRINCIPAL',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['identity'],
    summary: 'Principal in an identity policy',
    statement: (s) => (s.principalKey ? hit(`${s.pointer}/${s.principalKey}`, `The ${s.principalKey} element is not supported in identity policies; remove it.`) : []),
  },
  {
    code: 'SCP_SYNTAX_ERROR_PRINCIPAL',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['scp'],
    summary: 'Principal/NotPrincipal in a service control policy',
    statement: (s) => (s.principalKey ? hit(`${s.pointer}/${s.principalKey}`, `SCPs do not support the ${s.principalKey} element.`) : []),
  },
  {
    code: 'UNSUPPORTED_ELEMENT_COMBINATION',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'Action with NotAction, Resource with NotResource, or Principal with NotPrincipal',
    statement: (s) =>
      ([['Action', 'NotAction'], ['Resource', 'NotResource'], ['Principal', 'NotPrincipal']] as const)
        .filter(([a, b]) => a in s.raw && b in s.raw)
        .map(([a, b]) => ({ pointer: `${s.pointer}/${b}`, message: `The elements ${a} and ${b} cannot be used in the same statement.` })),
  },
  {
    code: 'UNIQUE_SIDS_REQUIRED',
    severity: 'ERROR',
    source: 'access-analyzer',
    summary: 'two statements share a Sid',
    policy: (ctx) => {
      const seen = new Set<string>();
      const out: CheckHit[] = [];
      for (const s of ctx.policy.statements) {
        if (typeof s.sid !== 'string' || s.sid === '') continue;
        if (seen.has(s.sid)) out.push({ pointer: `${s.pointer}/Sid`, message: `The Sid ${s.sid} is used by another statement; statement ids must be unique.` });
        seen.add(s.sid);
      }
      return out;
    },
  },
  {
    code: 'UNSUPPORTED_SID',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['identity', 'scp', 'rcp', 'trust'],
    summary: 'a Sid with characters other than A-Z, a-z, 0-9',
    statement: (s) => (typeof s.sid === 'string' && s.sid !== '' && !/^[A-Za-z0-9]+$/.test(s.sid) ? hit(`${s.pointer}/Sid`, `The Sid ${s.sid} may only contain letters and digits in this policy type.`) : []),
  },
  {
    code: 'EMPTY_SID_VALUE',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'an empty Sid',
    statement: (s) => (s.sid === '' ? hit(`${s.pointer}/Sid`, 'Add a value to the empty Sid or remove the element.') : []),
  },
  {
    code: 'EMPTY_ARRAY_ACTION',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'an empty Action/NotAction array',
    statement: (s) => (s.actionKey && Array.isArray(s.raw[s.actionKey]) && (s.raw[s.actionKey] as unknown[]).length === 0 ? hit(`${s.pointer}/${s.actionKey}`, `The ${s.actionKey} array is empty; the statement matches no action.`) : []),
  },
  {
    code: 'EMPTY_ARRAY_RESOURCE',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'an empty Resource/NotResource array',
    statement: (s) => (s.resourceKey && Array.isArray(s.raw[s.resourceKey]) && (s.raw[s.resourceKey] as unknown[]).length === 0 ? hit(`${s.pointer}/${s.resourceKey}`, `The ${s.resourceKey} array is empty.`) : []),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['identity'],
    summary: 'more than 6,144 characters (managed policy quota, whitespace excluded)',
    policy: (ctx) => (policySize(ctx.policy.text) > 6144 ? hit('', `The policy has ${policySize(ctx.policy.text)} characters (whitespace excluded); a managed policy may have 6,144.`) : []),
  },
  {
    code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
    severity: 'ERROR',
    source: 'access-analyzer',
    types: ['scp', 'rcp'],
    summary: 'more than 5,120 characters (SCP/RCP quota)',
    policy: (ctx) => (ctx.policy.text.length > 5120 ? hit('', `The policy has ${ctx.policy.text.length} characters; SCPs and RCPs may have 5,120.`) : []),
  },
  {
    code: 'REDUNDANT_STATEMENT',
    severity: 'SUGGESTION',
    source: 'access-analyzer',
    summary: 'a statement identical to an earlier one (Sid aside)',
    policy: (ctx) => {
      const seen = new Map<string, StatementView>();
      const out: CheckHit[] = [];
      for (const s of ctx.policy.statements) {
        const { Sid: _sid, ...rest } = s.raw;
        const key = canonicalJson(rest);
        const prev = seen.get(key);
        if (prev) out.push({ pointer: s.pointer, message: `This statement repeats statement ${prev.index}; remove one of them.` });
        else seen.set(key, s);
      }
      return out;
    },
  },
];

/** JSON with object keys sorted (so key order does not hide a duplicate). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Json)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
