/**
 * The 50-account organization of the scale benchmark: an `org.json` tree (docs/snapshot-format.md)
 * with SCPs at three OU levels below the root, and one risk-dense GAAD per account (500 roles by
 * default). Roles trust peers in the organization, so cross-account paths go through the SCPs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRiskDenseGaad } from './risk-dense-account.js';

/** Size of the generated organization. */
export interface OrganizationShape {
  accounts: number;
  rolesPerAccount: number;
  seed?: number;
}

const ORG_ID = 'o-scale000001';
const policy = (id: string, name: string, statement: unknown[], awsManaged = false) => ({
  Id: id, Name: name, Type: 'SERVICE_CONTROL_POLICY', AwsManaged: awsManaged, Content: JSON.stringify({ Version: '2012-10-17', Statement: statement }),
});
const FULL = policy('p-FullAWSAccess', 'FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }], true);

/** Account ids are 12 digits; the first is the management account. */
export function accountIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(100000000000 + i * 1001));
}

/**
 * Root → 3 first-level OUs (region pin) → 2 second-level OUs each (IAM user and key creation
 * denied) → 2 third-level OUs each (one of them an allow-list instead of FullAWSAccess); accounts
 * are dealt round-robin over the 12 leaf OUs.
 */
export function organizationTree(ids: readonly string[]): Record<string, unknown> {
  const regionPin = policy('p-region-pin', 'deny-outside-regions', [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } }]);
  const noUsers = policy('p-no-iam-users', 'deny-iam-users', [{ Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin-*' } } }]);
  const allowList = policy('p-allow-list', 'allow-list', [{ Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'lambda:*', 'ec2:*', 'iam:*', 'sts:*', 'logs:*', 'sqs:*', 'glue:*', 'cloudformation:*'], Resource: '*' }]);
  const protectGuardrails = policy('p-protect', 'protect-guardrail-roles', [{ Effect: 'Deny', Action: ['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole'], Resource: 'arn:aws:iam::*:role/guardrail-*' }]);
  const leaves: Record<string, unknown>[] = [];
  const level1 = ['prod', 'nonprod', 'sandbox'].map((n1) => ({
    Id: `ou-scal-${n1}`, Name: n1, Policies: [FULL, regionPin],
    Children: ['apps', 'data'].map((n2) => ({
      Id: `ou-scal-${n1}-${n2}`, Name: `${n1}-${n2}`, Policies: [FULL, noUsers],
      Children: ['a', 'b'].map((n3) => {
        const leaf = { Id: `ou-scal-${n1}-${n2}-${n3}`, Name: `${n1}-${n2}-${n3}`, Policies: n3 === 'a' ? [FULL, protectGuardrails] : [allowList, protectGuardrails], Children: [] as unknown[] };
        leaves.push(leaf);
        return leaf;
      }),
    })),
  }));
  ids.slice(1).forEach((id, i) => (leaves[i % leaves.length]!.Children as unknown[]).push({ Id: id, Type: 'Account', Name: `account-${i + 1}`, Policies: [FULL] }));
  return {
    Id: 'r-scal', Arn: `arn:aws:organizations::${ids[0]}:root/${ORG_ID}/r-scal`,
    Policies: [FULL, policy('p-deny-leave', 'deny-leave-org', [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }])],
    Children: [{ Id: ids[0], Type: 'Account', Name: 'management', Policies: [FULL] }, ...level1],
  };
}

/** Writes `org.json` and `account-<id>.json` into `dir`; returns the paths for `--snapshot`. */
export function writeOrganization(dir: string, shape: OrganizationShape): string[] {
  mkdirSync(dir, { recursive: true });
  const ids = accountIds(shape.accounts);
  const files = [join(dir, 'org.json')];
  writeFileSync(files[0]!, JSON.stringify(organizationTree(ids)));
  ids.forEach((id, k) => {
    const peers = [ids[(k + 1) % ids.length]!, ids[(k + ids.length - 1) % ids.length]!];
    const file = join(dir, `account-${id}.json`);
    writeFileSync(file, JSON.stringify(generateRiskDenseGaad({ roles: shape.rolesPerAccount, seed: (shape.seed ?? 50) + k, accountId: id, peerAccounts: peers })));
    files.push(file);
  });
  return files;
}
