// Exposure findings through the CLI on AWS documentation examples (test/fixtures/exposure,
// provenance in test/fixtures/README.md), and the seed case: a Deny whose Sid is the finding id
// makes the next scan RESOLVED.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/model/finding.js';
import { runCordon } from '../helpers/cli.js';

const DIR = fileURLToPath(new URL('../fixtures/exposure/', import.meta.url));
const A = '111122223333';

/** resource → expected finding types (sorted), with the reason. */
const EXPECTED: Record<string, [string[], string]> = {
  'arn:aws:s3:::amzn-s3-demo-bucket': [['PublicAccess'], 'Principal * with s3:GetObject'],
  'arn:aws:s3:::amzn-s3-demo-bucket-bpa': [[], 'RestrictPublicBuckets blocks the public policy'],
  'arn:aws:s3:::amzn-s3-demo-acl': [['PublicAccess'], 'ACL READ to AllUsers'],
  [`arn:aws:kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`]: [['ExternalAccess'], 'account 444455556666 may use the key'],
  [`arn:aws:lambda:us-east-2:${A}:function:my-function`]: [['ExternalAccess'], 'account 444455556666 may invoke'],
  [`arn:aws:sqs:us-east-2:${A}:MyQueue`]: [['ExternalAccess'], 'account 444455556666 may send'],
  [`arn:aws:sns:us-east-2:${A}:MyTopic`]: [[], 's3.amazonaws.com with aws:SourceAccount and aws:SourceArn'],
  [`arn:aws:sns:us-east-2:${A}:OpenTopic`]: [['ConfusedDeputy'], 's3.amazonaws.com without a source condition'],
  [`arn:aws:secretsmanager:us-east-1:${A}:secret:org-secret-AbCdEf`]: [['ExternalAccess'], 'any principal of an organization the snapshot does not know'],
  [`arn:aws:ecr:us-east-1:${A}:repository/app`]: [['ExternalAccess'], 'account 444455556666 may pull'],
  [`arn:aws:elasticfilesystem:us-east-1:${A}:file-system/fs-01234567`]: [['PublicAccess'], 'AWS * narrowed only by aws:SourceIp'],
  [`arn:aws:ec2:us-east-1:${A}:snapshot/snap-0123456789abcdef0`]: [['PublicAccess'], 'shared with all'],
  [`arn:aws:rds:us-east-1:${A}:snapshot:db-snap`]: [['ExternalAccess'], 'shared with 444455556666'],
  [`arn:aws:dynamodb:us-east-1:${A}:table/Music`]: [[], 'same-account role only'],
};

test('each documentation example gives the expected exposure finding (or none)', async () => {
  const r = await runCordon(['scan', '--snapshot', join(DIR, 'resources.json'), '--analyzers', 'exposure', '--output', 'json', '--no-store']);
  assert.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Finding[];
  for (const [resource, [types, why]] of Object.entries(EXPECTED)) {
    const got = findings.filter((f) => f.resource === resource).map((f) => f.type).sort();
    assert.deepEqual(got, types, `${resource}: ${why}`);
  }
  const efs = findings.find((f) => f.resource.includes('fs-01234567'))!;
  assert.deepEqual(efs.condition, { 'aws:SourceIp': ['192.0.2.0/24'] });
  const secret = findings.find((f) => f.resource.includes('org-secret'))!;
  assert.deepEqual(secret.condition, { 'aws:PrincipalOrgID': ['o-exampleorgid'] });
  assert.equal(secret.isPublic, false);
  // Access Analyzer's finding shape rides along (ListFindings fields).
  assert.deepEqual(secret.details?.accessAnalyzer, {
    principal: secret.principal, action: secret.actions, resource: secret.resource, resourceType: 'AWS::SecretsManager::Secret', resourceOwnerAccount: A,
    condition: { 'aws:PrincipalOrgID': ['o-exampleorgid'] }, isPublic: false, sources: [{ type: 'POLICY' }],
  });
  const acl = findings.find((f) => f.resource === 'arn:aws:s3:::amzn-s3-demo-acl')!;
  assert.deepEqual((acl.details?.accessAnalyzer as { sources: unknown }).sources, [{ type: 'BUCKET_ACL' }]);
});

test('seed case: ACTIVE external finding, then a Deny with Sid = finding id → RESOLVED on the next scan', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-seed-'));
  const db = join(dir, 'cordon.db');
  const gaad = JSON.parse(readFileSync(join(DIR, 'seed-gaad.json'), 'utf8')) as { RoleDetailList: { AssumeRolePolicyDocument: { Statement: unknown[] } }[] };
  const file = join(dir, 'gaad.json');
  writeFileSync(file, JSON.stringify(gaad));
  const first = await runCordon(['scan', '--snapshot', file, '--analyzers', 'exposure', '--output', 'json', '--db', db]);
  assert.equal(first.code, 1, first.stderr);
  const [finding] = (JSON.parse(first.stdout) as Finding[]).filter((f) => f.type === 'ExternalAccess');
  assert.equal(finding?.status, 'ACTIVE');
  assert.deepEqual(finding?.principal, { AWS: 'arn:aws:iam::999988887777:user/Alice' });
  gaad.RoleDetailList[0]!.AssumeRolePolicyDocument.Statement.push({ Sid: finding!.id, Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::999988887777:user/Alice' }, Action: 'sts:AssumeRole' });
  writeFileSync(file, JSON.stringify(gaad));
  const second = await runCordon(['scan', '--snapshot', file, '--analyzers', 'exposure', '--output', 'json', '--db', db]);
  assert.equal(second.code, 0, second.stderr);
  const shown = await runCordon(['findings', 'show', finding!.id, '--output', 'json', '--db', db]);
  assert.match(shown.stdout, /"status": "RESOLVED"/);
});
