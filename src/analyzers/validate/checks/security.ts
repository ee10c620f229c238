/**
 * Security warnings: statements that grant more than their author likely means (Access Analyzer's
 * PassRole and CreateServiceLinkedRole checks, plus Cordon's public-principal and admin checks).
 */
import { compileGlob, grantsFullAdmin } from '../../../engine/index.js';
import type { Policy } from '../../../model/policy/index.js';
import type { StatementView } from '../document.js';
import type { CheckHit, PolicyCheck } from '../types.js';

/** Whole-policy answers, once per parsed document (a policy of n Allow statements asks n times). */
const FULL_ADMIN = new WeakMap<Policy, boolean>();
function policyGrantsFullAdmin(policy: Policy): boolean {
  let v = FULL_ADMIN.get(policy);
  if (v === undefined) FULL_ADMIN.set(policy, (v = grantsFullAdmin(policy)));
  return v;
}

const strings = (s: StatementView, which: 'actions' | 'resources') => s[which].map((a) => a.value);

/** How the statement's Action covers `action`: exactly/by a narrow pattern, only by a broad `*`, or not. */
function actionCover(s: StatementView, action: string): 'named' | 'star' | undefined {
  if (s.effect !== 'Allow' || s.actionKey !== 'Action') return undefined;
  let star = false;
  for (const a of strings(s, 'actions')) {
    if (!compileGlob(a, true).test(action)) continue;
    if (a === '*' || a.toLowerCase() === `${action.split(':')[0]!.toLowerCase()}:*`) star = true;
    else return 'named';
  }
  return star ? 'star' : undefined;
}

const starResource = (s: StatementView) => s.resourceKey === 'Resource' && strings(s, 'resources').some((r) => r.includes('*'));
const notResource = (s: StatementView) => s.resourceKey === 'NotResource';
/** Whether a condition clause of the statement (as the model reads it) tests `key` (keys are case-insensitive). */
const hasConditionKey = (s: StatementView, key: string) => s.conditions.some((c) => c.key.toLowerCase() === key.toLowerCase());

/** The four Access Analyzer variants for one action: {named|star action} × {star Resource | NotResource}. */
function actionResourceChecks(action: string, prefix: string, guardKey: string): PolicyCheck[] {
  const variants: { code: string; cover: 'named' | 'star'; res: (s: StatementView) => boolean; what: string }[] = [
    { code: `${prefix}_WITH_STAR_IN_RESOURCE`, cover: 'named', res: starResource, what: 'with a wildcard (*) in the resource' },
    { code: `${prefix}_WITH_STAR_IN_ACTION_AND_RESOURCE`, cover: 'star', res: starResource, what: 'through a wildcard action and a wildcard resource' },
    { code: `${prefix}_WITH_NOT_RESOURCE`, cover: 'named', res: notResource, what: 'with NotResource' },
    { code: `${prefix}_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE`, cover: 'star', res: notResource, what: 'through a wildcard action with NotResource' },
  ];
  return variants.map((v): PolicyCheck => ({
    code: v.code,
    severity: 'SECURITY_WARNING',
    source: 'access-analyzer',
    types: ['identity'],
    summary: `Allow ${action} ${v.what}`,
    statement: (s): CheckHit[] => (actionCover(s, action) === v.cover && v.res(s) && !hasConditionKey(s, guardKey)
      ? [{ pointer: `${s.pointer}/${s.resourceKey}`, message: `Allowing ${action} ${v.what} can be overly permissive: it applies to every matching resource. Name the resources or add the ${guardKey} condition key.` }]
      : []),
  }));
}

export const SECURITY_CHECKS: readonly PolicyCheck[] = [
  ...actionResourceChecks('iam:PassRole', 'PASS_ROLE', 'iam:PassedToService'),
  ...actionResourceChecks('iam:CreateServiceLinkedRole', 'CREATE_SLR', 'iam:AWSServiceName'),
  {
    code: 'CORDON_PUBLIC_PRINCIPAL',
    severity: 'SECURITY_WARNING',
    source: 'cordon',
    types: ['resource', 'trust'],
    summary: 'Allow to every principal ("*") without any condition',
    // Read from the model's AST (a document the model refuses already has its grammar ERRORs).
    statement: (s) => {
      const st = s.ast;
      const p = st?.principal;
      if (!st || !p || p.kind !== 'Principal' || st.effect !== 'Allow' || st.conditions.length > 0) return [];
      const everyone = p.wildcard || p.values.some((v) => v.type === 'AWS' && v.value.value === '*');
      return everyone ? [{ pointer: p.pointer, message: 'This statement allows anyone, anonymous users included; restrict it with a condition such as aws:PrincipalOrgID or name the principals.' }] : [];
    },
  },
  {
    code: 'CORDON_FULL_ADMIN',
    severity: 'SECURITY_WARNING',
    source: 'cordon',
    types: ['identity'],
    summary: 'Allow of every action on every resource (administrator access)',
    // Asked of the engine on the model's AST: the statement alone grants every action on every
    // resource, and the whole policy still does (a Deny elsewhere can take it back; a condition the
    // request must meet makes it conditional, not full).
    statement: (s, ctx) => {
      const policy = ctx.policy.policy;
      if (!s.ast || !policy || s.ast.effect !== 'Allow') return [];
      if (!policyGrantsFullAdmin(policy) || !grantsFullAdmin({ ...policy, statements: [s.ast] })) return [];
      return [{ pointer: `${s.pointer}/${s.actionKey ?? 'Action'}`, message: 'This statement grants full administrator access (every action on every resource).' }];
    },
  },
];
