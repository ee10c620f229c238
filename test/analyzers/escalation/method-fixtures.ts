/**
 * Builds, for one escalation method, the smallest snapshot in which it applies: an actor whose
 * only permissions are the method's required actions (split across two policies, to check that
 * permissions combine), plus a target that is worth reaching (an admin principal or group).
 * `without` drops one required action so the same snapshot must NOT show the method; `grant`
 * gives the actor exactly those actions instead.
 */
import type { EscalationMethod } from '../../../src/analyzers/escalation/method-types.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { allow, doc, SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

export const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const ADMIN_DOC = doc(allow('*', '*'));

/** Snapshot for `method`; the actor is `actor` (a user or a role). */
export function methodFixture(method: EscalationMethod, without?: string, grant?: string[]): { snapshot: Snapshot; actor: string } {
  const b = new SnapshotBuilder();
  b.account.policies.push({ arn: ADMIN_POLICY, name: 'AdministratorAccess', path: '/', defaultVersionId: 'v1', isAwsManaged: true, documentStatus: 'present', origin: {}, versions: [{ versionId: 'v1', isDefault: true, document: ADMIN_DOC }] });
  const kind = method.actorKind ?? 'user';
  const actor = b.arn(kind, 'attacker');
  // `grant` replaces the method's own actions (inline examples of a method row).
  const actions = grant ?? method.requires.map((r) => r.action).filter((a) => a !== without);
  // Split the grant in two inline policies: tools that look at one policy at a time miss these.
  const half = Math.ceil(actions.length / 2);
  const inline = [doc(allow(actions.slice(0, half).length ? actions.slice(0, half) : ['sts:GetCallerIdentity'])), doc(allow(actions.slice(half).length ? actions.slice(half) : ['sts:GetCallerIdentity']))];
  const managed: string[] = [];
  const groups: string[] = [];
  switch (method.target) {
    case 'self-policy':
      // The attached policy grants the method itself (as in iam-vulnerable's scenarios).
      b.policy('attacker-policy', doc(allow(actions.length ? actions : ['sts:GetCallerIdentity'])), method.gains === 'policy-version' ? [ADMIN_DOC] : []);
      managed.push(b.arn('policy', 'attacker-policy'));
      inline.length = 0;
      break;
    case 'self-group':
      b.group({ name: 'attacker-group', inline: [doc(allow('sts:GetCallerIdentity'))] });
      groups.push('attacker-group');
      break;
    case 'group':
      b.group({ name: 'admins', managed: [ADMIN_POLICY] });
      break;
    case 'user':
      b.user({ name: 'victim', managed: [ADMIN_POLICY] });
      break;
    case 'role':
      // Trusting the account (not the actor's ARN) means the actor also needs sts:AssumeRole in
      // its own policies, so dropping that permission must break the method (same-account rule).
      b.role({ name: 'victim', managed: [ADMIN_POLICY], trust: trust({ AWS: `arn:aws:iam::${b.account.accountId}:root` }) });
      break;
    case 'role-policy':
      b.policy('victim-policy', doc(allow('s3:ListAllMyBuckets')));
      b.role({ name: 'victim', managed: [b.arn('policy', 'victim-policy')], trust: trust({ AWS: `arn:aws:iam::${b.account.accountId}:root` }) });
      break;
    case 'service-role':
      b.role({ name: 'victim', managed: [ADMIN_POLICY], trust: trust({ Service: method.service! }) });
      // EC2 and SSM methods reach a role only through an instance profile containing it.
      if (method.service === 'ec2.amazonaws.com') b.account.roles.at(-1)!.instanceProfileArns = [b.arn('role', 'victim').replace(':role/', ':instance-profile/')];
      break;
    case 'self':
      break;
  }
  const boundary = method.gains === 'unbounded' ? b.arn('policy', 'attacker-boundary') : undefined;
  if (boundary) b.policy('attacker-boundary', doc(allow(actions.length ? actions : ['sts:GetCallerIdentity'])));
  if (kind === 'user') b.user({ name: 'attacker', inline, managed: [...managed, ...(boundary ? [ADMIN_POLICY] : [])], groups, boundary });
  else b.role({ name: 'attacker', inline, managed: [...managed, ...(boundary ? [ADMIN_POLICY] : [])], boundary, trust: trust({ Service: 'ec2.amazonaws.com' }) });
  return { snapshot: b.build(), actor };
}
