/**
 * AWS service rules live in the engine, so analyzers inherit them (issue 19): with iam:CreatePolicyVersion
 * on `*`, a user can rewrite a customer managed policy attached to it (escalation iam-001), but never an
 * AWS managed one (IAM User Guide, "AWS managed policies": customers cannot change them).
 * The escalation analyzer also filters AWS managed policies itself (principal-index.ts `isCustomer`);
 * this end-to-end test keeps the outcome pinned whichever of the two decides.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCordon } from '../helpers/cli.js';

const A = '111122223333';
const enc = (d: unknown) => encodeURIComponent(JSON.stringify(d));
function gaad(attached: { PolicyName: string; PolicyArn: string }, policies: unknown[] = []) {
  return {
    UserDetailList: [{
      Path: '/', UserName: 'alice', UserId: 'AIDAALICE', Arn: `arn:aws:iam::${A}:user/alice`, CreateDate: '2024-01-01T00:00:00Z', GroupList: [], Tags: [],
      AttachedManagedPolicies: [attached],
      UserPolicyList: [{ PolicyName: 'pv', PolicyDocument: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], Resource: '*' }] }) }],
    }],
    GroupDetailList: [], RoleDetailList: [], Policies: policies,
  };
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cordon-service-rules-'));
  writeFileSync(join(dir, 'aws-managed.json'), JSON.stringify(gaad({ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })));
  const mine = `arn:aws:iam::${A}:policy/mine`;
  writeFileSync(join(dir, 'customer-managed.json'), JSON.stringify(gaad({ PolicyName: 'mine', PolicyArn: mine }, [{
    PolicyName: 'mine', PolicyId: 'ANPAMINE', Arn: mine, Path: '/', DefaultVersionId: 'v1', AttachmentCount: 1, IsAttachable: true,
    PolicyVersionList: [{ Document: enc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }), VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00Z' }],
  }])));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function escalations(file: string): Promise<string[]> {
  const r = await runCordon(['scan', '--snapshot', join(dir, file), '--analyzers', 'escalation', '--no-store', '--output', 'json']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return (JSON.parse(r.stdout) as { type: string; title: string }[]).filter((f) => f.type === 'PrivilegeEscalation').map((f) => f.title);
}

test('no escalation path rewrites an AWS managed policy; the same grant on a customer policy is a path', async () => {
  assert.deepEqual(await escalations('aws-managed.json'), []);
  assert.ok((await escalations('customer-managed.json')).some((t) => t.includes('iam-001')));
});
