/**
 * High-value detections: a pattern narrows to the right calls, then `check` decides with facts a
 * pattern cannot express (who the target user is, what a policy document grants, whether a trust
 * policy reaches outside the zone of trust — the latter asked of the injected `TrustPolicyJudge`).
 */
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import type { CheckResult, DetectionRule, RuleContext } from '../rule-types.js';
import { grantsFullAdmin, readEventPolicy } from './policy-document.js';

const params = (e: CloudTrailEvent): Record<string, unknown> => (e.requestParameters && typeof e.requestParameters === 'object' ? e.requestParameters : {});
const ok = { errorCode: [{ exists: false }] };
const iamCalls = (...names: string[]) => ({ eventbridge: { detail: { eventSource: ['iam.amazonaws.com'], eventName: names, ...ok } } });
const API = (name: string) => `https://docs.aws.amazon.com/IAM/latest/APIReference/API_${name}.html`;

/** Trust policy of CreateRole / UpdateAssumeRolePolicy judged against the zone of trust. */
function trustExternal(e: CloudTrailEvent, ctx: RuleContext): CheckResult {
  const p = params(e);
  // A successful call whose trust policy the record does not carry (CloudTrail omits oversized
  // parameters) goes to the judge too: it cannot read it, so it fails closed and says so.
  const doc = p.assumeRolePolicyDocument ?? p.policyDocument;
  const verdict = ctx.trustJudge.isExternal(doc, ctx.zoneFor(e));
  return verdict.external ? `role \`${String(p.roleName ?? '?')}\` ${verdict.reason} [judge: ${ctx.trustJudge.name}]` : false;
}

/** AdministratorAccess attached, or a document the engine finds granting every action on every resource. */
function adminGranted(e: CloudTrailEvent): CheckResult {
  const p = params(e);
  const target = String(p.userName ?? p.roleName ?? p.groupName ?? p.policyArn ?? '?');
  if (typeof p.policyArn === 'string' && p.policyArn.endsWith(':policy/AdministratorAccess') && e.eventName.startsWith('Attach')) return `AdministratorAccess attached to \`${target}\``;
  const read = readEventPolicy(p.policyDocument, 'identity');
  if ('policy' in read && grantsFullAdmin(read.policy)) return `policy granting *:* on * written to \`${target}\``;
  return false;
}

/** The caller acts on a user other than itself (`userName` absent = the caller's own user). */
function otherUser(e: CloudTrailEvent): CheckResult {
  const target = params(e).userName;
  if (typeof target !== 'string' || target === '') return false;
  const who = e.userIdentity;
  if (who?.type === 'IAMUser' && who.userName === target) return false;
  return `for user \`${target}\` by ${who?.arn ?? who?.type ?? 'unknown caller'}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One grantee of a snapshot/AMI share. */
type Share = { kind: 'public' } | { kind: 'account'; id: string } | { kind: 'organization'; orgId: string; arn: string };

const ACCOUNT_ID = /^\d{12}$/;
/** `arn:aws:organizations::111:organization/o-abc` or `…:ou/o-abc/ou-x` → `o-abc`. */
const ORG_OF_ARN = /^arn:[a-z-]+:organizations::\d{12}:(?:organization|ou)\/(o-[a-z0-9]+)(?:\/|$)/;

/**
 * Who a snapshot/AMI is being shared with. Only the group `all` is public and only a 12-digit id is
 * an account (EC2 `CreateVolumePermission`/`LaunchPermission`: `group` can only be `all`; RDS
 * `ValuesToAdd`: account ids or `all`); an organization or OU ARN (AMIs) is a share with that
 * organization. Anything else grants nobody and is ignored.
 */
function sharedWith(e: CloudTrailEvent): Share[] {
  const p = params(e);
  const out: Share[] = [];
  const account = (v: unknown) => {
    if (v === 'all') out.push({ kind: 'public' });
    else if (typeof v === 'string' && ACCOUNT_ID.test(v)) out.push({ kind: 'account', id: v });
  };
  for (const key of ['createVolumePermission', 'launchPermission']) {
    const perm = p[key];
    const add = isObject(perm) && isObject(perm.add) ? perm.add.items : undefined;
    if (!Array.isArray(add)) continue;
    for (const item of add) {
      if (!isObject(item)) continue;
      if (item.group === 'all') out.push({ kind: 'public' });
      if (item.userId !== undefined) account(item.userId);
      for (const arn of [item.organizationArn, item.organizationalUnitArn]) {
        const m = typeof arn === 'string' ? ORG_OF_ARN.exec(arn) : null;
        if (m) out.push({ kind: 'organization', orgId: m[1]!, arn: arn as string });
      }
    }
  }
  if (Array.isArray(p.valuesToAdd) && (p.attributeName === undefined || p.attributeName === 'restore')) p.valuesToAdd.forEach(account);
  return out;
}

const SHARE_CALLS = { eventbridge: { detail: { eventName: ['ModifySnapshotAttribute', 'ModifyImageAttribute', 'ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute'], ...ok } } };

/** The high-value rules. */
export const HIGH_VALUE_RULES: readonly DetectionRule[] = [
  {
    id: 'trust-policy-external',
    title: 'Role trust policy allows a principal outside the zone of trust',
    severity: 'CRITICAL',
    pattern: iamCalls('CreateRole', 'UpdateAssumeRolePolicy'),
    check: trustExternal,
    checkDescription: 'the new trust policy is judged by the injected TrustPolicyJudge against the zone of trust (the event account plus configured trusted accounts/organization)',
    rationale: 'A backdoor role: anyone the trust policy names can assume it from another account, surviving credential rotation.',
    references: [API('UpdateAssumeRolePolicy'), 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html#access-analyzer-zone-of-trust'],
  },
  {
    id: 'admin-policy-attached',
    title: 'Administrator access granted',
    severity: 'HIGH',
    pattern: iamCalls('AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy', 'PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy', 'CreatePolicyVersion'),
    check: adminGranted,
    checkDescription: 'the attached policy is AdministratorAccess, or the written document allows `*`/`*:*` on `*`',
    rationale: 'Full administrator rights are the end goal of privilege escalation and persistence.',
    references: [API('AttachUserPolicy'), 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html'],
  },
  {
    id: 'access-key-created-for-other-user',
    title: 'Access key created for another user',
    severity: 'HIGH',
    pattern: iamCalls('CreateAccessKey'),
    check: otherUser,
    checkDescription: 'requestParameters.userName names a user other than the calling IAM user',
    rationale: 'Creating keys for someone else is a classic persistence step (the key outlives the attacker\'s own session).',
    references: [API('CreateAccessKey')],
  },
  {
    id: 'login-profile-changed-for-other-user',
    title: 'Console password created or changed for another user',
    severity: 'HIGH',
    pattern: iamCalls('CreateLoginProfile', 'UpdateLoginProfile'),
    check: otherUser,
    checkDescription: 'requestParameters.userName names a user other than the calling IAM user',
    rationale: 'Setting another user\'s console password takes over that identity.',
    references: [API('CreateLoginProfile'), API('UpdateLoginProfile')],
  },
  {
    id: 'mfa-deactivated',
    title: 'MFA device deactivated or deleted',
    severity: 'HIGH',
    pattern: iamCalls('DeactivateMFADevice', 'DeleteVirtualMFADevice'),
    rationale: 'Removing MFA weakens the account ahead of a takeover.',
    references: [API('DeactivateMFADevice')],
  },
  {
    id: 'root-activity',
    title: 'Root user activity',
    severity: 'HIGH',
    pattern: { eventbridge: { detail: { userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] }, eventType: [{ 'anything-but': 'AwsServiceEvent' }] } } },
    rationale: 'The root user bypasses IAM; its use should be rare and explained.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html'],
  },
  {
    id: 'cloudtrail-stopped',
    title: 'CloudTrail logging stopped',
    severity: 'CRITICAL',
    pattern: { eventbridge: { detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['StopLogging'], ...ok } } },
    rationale: 'Attackers stop the trail to act unseen.',
    references: ['https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html'],
  },
  {
    id: 'cloudtrail-deleted',
    title: 'CloudTrail trail deleted',
    severity: 'CRITICAL',
    pattern: { eventbridge: { detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['DeleteTrail', 'DeleteEventDataStore'], ...ok } } },
    rationale: 'Deleting the trail ends audit logging for good.',
    references: ['https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DeleteTrail.html'],
  },
  {
    id: 'cloudtrail-selectors-changed',
    title: 'CloudTrail event selectors or trail settings changed',
    severity: 'HIGH',
    pattern: { eventbridge: { detail: { eventSource: ['cloudtrail.amazonaws.com'], eventName: ['PutEventSelectors', 'PutInsightSelectors', 'UpdateTrail'], ...ok } } },
    rationale: 'Narrowing selectors (e.g. excluding management events) silently blinds detection while the trail still looks on.',
    references: ['https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html'],
  },
  {
    id: 'snapshot-or-ami-shared-publicly',
    title: 'Snapshot or AMI shared publicly',
    severity: 'CRITICAL',
    pattern: SHARE_CALLS,
    check: (e) => (sharedWith(e).some((s) => s.kind === 'public') ? `\`${String(params(e).snapshotId ?? params(e).imageId ?? params(e).dBSnapshotIdentifier ?? params(e).dBClusterSnapshotIdentifier ?? '?')}\` shared with everyone` : false),
    checkDescription: 'the added permission is the group `all`',
    rationale: 'A public snapshot or image exposes its whole disk or database to anyone.',
    references: ['https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySnapshotAttribute.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSnapshotAttribute.html'],
  },
  {
    id: 'snapshot-or-ami-shared-external',
    title: 'Snapshot or AMI shared with an account outside the zone of trust',
    severity: 'HIGH',
    pattern: SHARE_CALLS,
    check: (e, ctx) => {
      const zone = ctx.zoneFor(e);
      const outside: string[] = [];
      for (const s of sharedWith(e)) {
        if (s.kind === 'account' && !zone.accounts.has(s.id)) outside.push(s.id);
        // An organization share stays inside when it is the zone's own organization.
        else if (s.kind === 'organization' && s.orgId !== zone.orgId) outside.push(s.arn);
      }
      return outside.length > 0 ? `shared with ${outside.sort().join(', ')}` : false;
    },
    checkDescription: 'an added account id, or an organization or OU other than the zone\'s own, is outside the zone of trust',
    rationale: 'Sharing a snapshot or image with another account is a common exfiltration path.',
    references: ['https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyImageAttribute.html'],
  },
];
