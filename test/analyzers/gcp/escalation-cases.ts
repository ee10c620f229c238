// Escalation cases as data: for every method of the catalogue, a positive case and adversarial
// variants built on Google's documented policy shapes:
// - a deny policy naming the attacker (https://cloud.google.com/iam/docs/deny-access) → no finding;
// - the same deny policy with the attacker in `exceptionPrincipals` → the finding stays;
// - the grant on another project or service account (https://cloud.google.com/iam/docs/resource-hierarchy-access-control) → no finding;
// - an IAM Condition the attacker cannot meet: access that expired
//   (`request.time < timestamp(...)`, https://cloud.google.com/iam/docs/conditions-attribute-reference#date-time) → no finding.
import { GCP_ESCALATION_METHODS, requiredPermissions, type GcpEscalationMethod } from '../../../src/catalog/gcp/escalation-methods.js';
import { denyPermissionName } from '../../../src/model/gcp/names.js';
import { ATTACKER, CRM, FOLDER, ORG, OTHER_SA, TARGET_SA, baseExports, policy, role, saResource } from './build.js';

export type Variant = 'positive' | 'corePositive' | 'denyException' | 'denied' | 'elsewhere' | 'expiredCondition';

export interface EscalationCase {
  name: string;
  method: string;
  variant: Variant;
  files: object[];
  /** Expected: a finding with this rule id for the attacker (true) or none (false). */
  expectFinding: boolean;
  /** Target the finding is about (member or full resource name). */
  target: string;
}

const ATTACKER_V2 = 'principal://goog/subject/attacker@example.com';

/** Where the attacker's custom role is bound in the positive case, and the target gained. */
function placement(m: GcpEscalationMethod): { resource: string; elsewhere: string; roleParent: string; target: string } {
  const p1 = `${CRM}projects/p1`;
  const p2 = `${CRM}projects/p2`;
  switch (m.shape.kind) {
    case 'setIamPolicy':
      if (m.shape.scope === 'organization') return { resource: `${CRM}${ORG}`, elsewhere: p1, roleParent: ORG, target: `${CRM}${ORG}` };
      if (m.shape.scope === 'folder') return { resource: `${CRM}${FOLDER}`, elsewhere: p2, roleParent: ORG, target: `${CRM}${FOLDER}` };
      return { resource: p1, elsewhere: p2, roleParent: 'projects/p1', target: p1 };
    case 'serviceAccount':
      return { resource: saResource(TARGET_SA), elsewhere: saResource(OTHER_SA), roleParent: 'projects/p1', target: `serviceAccount:${TARGET_SA}` };
    case 'heldCustomRole':
      return { resource: p1, elsewhere: p2, roleParent: 'projects/p1', target: p1 };
    case 'serviceAgent':
      return { resource: p1, elsewhere: p2, roleParent: 'projects/p1', target: `serviceAccount:100000000001@${m.shape.domain}` };
    default:
      return { resource: p1, elsewhere: p2, roleParent: 'projects/p1', target: `serviceAccount:${TARGET_SA}` };
  }
}

function casesFor(m: GcpEscalationMethod): EscalationCase[] {
  const where = placement(m);
  const roleName = `${where.roleParent}/roles/escalate${m.id}`;
  const defs = [role(roleName, [...m.permissions])];
  const binding = (condition?: object): object => ({ role: roleName, members: [ATTACKER], ...(condition ? { condition } : {}) });
  const extra: object[] = [];
  if (m.shape.kind === 'heldCustomRole') extra.push(role('projects/p1/roles/held', ['storage.buckets.list']));
  const held = m.shape.kind === 'heldCustomRole' ? [{ role: 'projects/p1/roles/held', members: [ATTACKER] }] : [];
  const grant = (resource: string, condition?: object): object[] => {
    const own = [binding(condition), ...(resource === `${CRM}projects/p1` ? held : [])];
    const files = [policy(resource, own)];
    if (held.length > 0 && resource !== `${CRM}projects/p1`) files.push(policy(`${CRM}projects/p1/`.slice(0, -1), held));
    return files;
  };
  const deny = (exception: boolean): object => ({
    name: `policies/${encodeURIComponent(`cloudresourcemanager.googleapis.com/${ORG}`)}/denypolicies/block-escalation`,
    uid: '6665c437-a3b2-a018-6934-b2b8ffef4a2c',
    kind: 'DenyPolicy',
    displayName: 'Block escalation',
    etag: 'MTc1MTkzMjY0MjA3MTk1MzQ4Mg==',
    rules: [{ denyRule: { deniedPrincipals: ['principalSet://goog/public:all'], ...(exception ? { exceptionPrincipals: [ATTACKER_V2] } : {}), deniedPermissions: [denyPermissionName(requiredPermissions(m).find((p) => p !== 'iam.serviceAccounts.actAs')!)] } }],
  });
  // The held role's binding lives on p1; for scope methods the attacker's grant is merged with it.
  const base = (): object[] => [...baseExports(), defs, ...extra.map((e) => [e])];
  const expired = { title: 'expired', description: 'Access until the start of 2020', expression: 'request.time < timestamp("2020-01-01T00:00:00Z")' };
  const coreOnly = (): object[] => [...baseExports(), [role(roleName, [...requiredPermissions(m)])], ...extra.map((e) => [e]), ...grant(where.resource)];
  return [
    { name: `${m.id}: positive`, method: m.id, variant: 'positive', files: [...base(), ...grant(where.resource)], expectFinding: true, target: where.target },
    ...(m.core ? [{ name: `${m.id}: the core permissions alone (${m.core.join(', ')}) still escalate`, method: m.id, variant: 'corePositive' as const, files: coreOnly(), expectFinding: true, target: where.target }] : []),
    { name: `${m.id}: deny policy with the attacker as exception still escalates`, method: m.id, variant: 'denyException', files: [...base(), ...grant(where.resource), deny(true)], expectFinding: true, target: where.target },
    { name: `${m.id}: deny policy on the organization blocks`, method: m.id, variant: 'denied', files: [...base(), ...grant(where.resource), deny(false)], expectFinding: false, target: where.target },
    { name: `${m.id}: grant on another project or service account`, method: m.id, variant: 'elsewhere', files: [...base(), ...grant(where.elsewhere)], expectFinding: false, target: where.target },
    { name: `${m.id}: condition the attacker cannot meet`, method: m.id, variant: 'expiredCondition', files: [...base(), ...grant(where.resource, expired)], expectFinding: false, target: where.target },
  ];
}

/** Every case, method by method. */
export const ESCALATION_CASES: readonly EscalationCase[] = GCP_ESCALATION_METHODS.flatMap(casesFor);
