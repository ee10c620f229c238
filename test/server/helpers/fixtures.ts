/**
 * Findings and alerts to seed server tests with: a privilege-escalation finding with a
 * three-step path, an external-access finding, and one alert. Shapes follow src/model.
 */
import type { Alert } from '../../../src/model/alert.js';
import type { Finding, FindingDraft } from '../../../src/model/finding.js';

const ACCOUNT = '111122223333';
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;

/** A PrivilegeEscalation draft: dev user → CI role → deploy role → admin. */
export const ESCALATION: FindingDraft = {
  id: 'esc0000000000000000000000000001',
  type: 'PrivilegeEscalation',
  severity: 'CRITICAL',
  title: 'user/dev can reach admin in 3 steps',
  accountId: ACCOUNT,
  resource: arn('user', 'dev'),
  resourceType: 'AWS::IAM::User',
  principal: arn('user', 'dev'),
  evidence: [{ policy: `${arn('user', 'dev')}#inline/ci`, policyType: 'identity', statementIndex: 0, note: 'allows sts:AssumeRole on ci' }],
  path: [
    { from: arn('user', 'dev'), to: arn('role', 'ci'), method: 'sts:AssumeRole', description: 'dev may assume ci', actions: ['sts:AssumeRole'], evidence: [] },
    { from: arn('role', 'ci'), to: arn('role', 'deploy'), method: 'iam:PassRole+lambda:CreateFunction', description: 'ci passes deploy to a new Lambda', actions: ['iam:PassRole', 'lambda:CreateFunction'], evidence: [] },
    { from: arn('role', 'deploy'), to: 'admin', method: 'iam:AttachRolePolicy', description: 'deploy attaches AdministratorAccess to itself', actions: ['iam:AttachRolePolicy'], evidence: [] },
  ],
  ruleId: 'escalation',
};

/** An ExternalAccess draft (the seed's cross-account role). */
export const EXTERNAL: FindingDraft = {
  id: 'ext0000000000000000000000000002',
  type: 'ExternalAccess',
  severity: 'HIGH',
  title: 'role/Audit_CrossAccountRole trusts an outside user',
  accountId: ACCOUNT,
  resource: arn('role', 'Audit_CrossAccountRole'),
  resourceType: 'AWS::IAM::Role',
  principal: { AWS: 'arn:aws:iam::999988887777:user/Alice' },
  actions: ['sts:AssumeRole'],
  evidence: [{ policy: arn('role', 'Audit_CrossAccountRole'), policyType: 'trust', statementIndex: 0 }],
};

/** A RiskyPermission draft. */
export const RISKY: FindingDraft = {
  id: 'rsk0000000000000000000000000003',
  type: 'RiskyPermission',
  severity: 'MEDIUM',
  title: 'role/ops may iam:PassRole on *',
  accountId: ACCOUNT,
  resource: arn('role', 'ops'),
  resourceType: 'AWS::IAM::Role',
  actions: ['iam:PassRole'],
  evidence: [{ policy: 'arn:aws:iam::aws:policy/PowerUserAccess', policyType: 'identity' }],
};

/** The drafts as ACTIVE findings (for the in-memory ports). */
export function activeFindings(now = '2026-01-01T00:00:00.000Z'): Finding[] {
  return [ESCALATION, EXTERNAL, RISKY].map((d) => ({ ...structuredClone(d), status: 'ACTIVE', createdAt: now, updatedAt: now }));
}

/** One alert. */
export const ALERT: Alert = {
  id: 'alert0001',
  ruleId: 'iam-backdoor-access-key',
  severity: 'HIGH',
  eventId: 'e-1',
  eventTime: '2026-01-01T10:00:00Z',
  eventName: 'CreateAccessKey',
  eventSource: 'iam.amazonaws.com',
  accountId: ACCOUNT,
  region: 'us-east-1',
  actor: arn('user', 'mallory'),
  summary: 'mallory created an access key for admin',
  rules: [{ id: 'iam-backdoor-access-key', severity: 'HIGH', summary: 'mallory created an access key for admin' }],
  event: { eventVersion: '1.08', eventID: 'e-1', eventName: 'CreateAccessKey' } as unknown as Alert['event'],
};
