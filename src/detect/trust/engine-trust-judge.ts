/**
 * The trust-policy judge, backed by the authorization engine (`src/engine/`): for each principal
 * that could be outside the zone of trust (every AWS principal the policy names in another
 * account, plus an unrelated "stranger" account standing for `*` and `NotPrincipal`), the engine
 * evaluates `sts:AssumeRole` on the role with that principal as caller (its own account allowing
 * everything, as an attacker's would) and the request values an outsider controls left unknown
 * (existential mode). Allowed, certainly or possibly, means external. Federated principals
 * (OIDC/SAML) are judged by the provider's account. The policy is read once, by the model's parser.
 *
 * It fails closed: a trust policy it cannot read is reported as external, with the reason, because
 * a role whose trust nobody can judge must be looked at, never passed over in silence.
 */
import { evaluateRequest } from '../../engine/index.js';
import { parsePolicy, type Policy } from '../../model/policy/index.js';
import { principalAccount, readEventPolicy } from '../rules/policy-document.js';
import type { TrustPolicyJudge, TrustVerdict, TrustZone } from '../rule-types.js';

/** Request values an outside caller chooses (so conditions on them cannot keep it out). */
export const OUTSIDER_CONTROLLED_KEYS: readonly string[] = [
  'sts:ExternalId', 'sts:RoleSessionName', 'sts:SourceIdentity', 'sts:TransitiveTagKeys',
  'aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:VpcSourceIp', 'aws:CurrentTime', 'aws:EpochTime',
  'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:SecureTransport', 'aws:UserAgent', 'aws:TokenIssueTime',
  'aws:RequestedRegion', 'aws:TagKeys', 'aws:ViaAWSService', 'aws:CalledVia', 'aws:CalledViaFirst', 'aws:CalledViaLast',
];

const ALLOW_ALL: Policy = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { id: 'outsider-admin', type: 'identity' });

/** Callers to try: named outside principals and a stranger for wildcards. */
function candidates(policy: Policy, zone: TrustZone): { arn: string; account: string; shown: string }[] {
  let stranger = '000000000000';
  while (zone.accounts.has(stranger)) stranger = String(Number(stranger) + 1).padStart(12, '0');
  const out = new Map<string, { arn: string; account: string; shown: string }>();
  const addStranger = () => out.set('*', { arn: `arn:aws:iam::${stranger}:root`, account: stranger, shown: '*' });
  for (const s of policy.statements) {
    const p = s.principal;
    if (s.effect !== 'Allow' || !p) continue;
    if (p.kind === 'NotPrincipal' || p.wildcard) {
      addStranger();
      continue;
    }
    for (const { type, value } of p.values) {
      if (type !== 'AWS') continue;
      const aws = value.value;
      if (aws === '*') {
        addStranger();
        continue;
      }
      const account = principalAccount(aws);
      if (account === undefined || zone.accounts.has(account)) continue;
      out.set(aws, { arn: aws.startsWith('arn:') ? aws : `arn:aws:iam::${account}:root`, account, shown: aws });
    }
  }
  return [...out.values()];
}

/** Federated providers outside the zone (by the provider ARN's account; public IdPs have none). */
function externalFederated(policy: Policy, zone: TrustZone): string[] {
  const out: string[] = [];
  for (const s of policy.statements) {
    if (s.effect !== 'Allow' || !s.principal || s.principal.kind !== 'Principal') continue;
    for (const { type, value } of s.principal.values) {
      if (type !== 'Federated') continue;
      const account = principalAccount(value.value);
      if (account === undefined || !zone.accounts.has(account)) out.push(value.value);
    }
  }
  return out;
}

/** The engine-backed judge. */
export const engineTrustJudge: TrustPolicyJudge = {
  name: 'authorization-engine',
  isExternal(policyDocument: unknown, zone: TrustZone): TrustVerdict {
    const read = readEventPolicy(policyDocument, 'trust', 'trust-policy');
    if ('error' in read) {
      return { external: true, principals: [], reason: `trust policy could not be read (${read.error}), so Cordon cannot show it keeps outsiders out; review the role` };
    }
    const policy = read.policy;
    const owner = [...zone.accounts][0] ?? '111111111111';
    const role = `arn:aws:iam::${owner}:role/cordon-judged-role`;
    const outside = new Set<string>(externalFederated(policy, zone));
    for (const c of candidates(policy, zone)) {
      const result = evaluateRequest(
        { identity: [ALLOW_ALL], resourcePolicy: policy, principal: { arn: c.arn, account: c.account }, resourcePolicyRequired: true },
        { principal: c.arn, action: 'sts:AssumeRole', resource: role, resourceAccount: owner, unknownKeys: OUTSIDER_CONTROLLED_KEYS },
      );
      if (result.decision === 'Allowed') outside.add(c.shown);
    }
    const principals = [...outside].sort();
    return principals.length > 0
      ? { external: true, principals, reason: `trusts ${principals.join(', ')} outside the zone of trust (${[...zone.accounts].sort().join(', ')})` }
      : { external: false, principals: [], reason: 'no principal outside the zone of trust can assume the role' };
  },
};
