// Risky permissions decided by the real engine on fresh resources: only wildcard-ish grants
// match; Denies and narrow resources do not; an admin gets one finding, not one per rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import { analyzeRiskyPermissions } from '../../../src/analyzers/risky/index.js';
import { allow, deny, doc, SnapshotBuilder } from '../../helpers/snapshot-builder.js';

const now = new Date('2026-06-01T00:00:00Z');

function findingsFor(...inline: ReturnType<typeof doc>[]) {
  const b = new SnapshotBuilder();
  b.user({ name: 'u', inline });
  const snapshot = b.build();
  return analyzeRiskyPermissions(snapshot, engineOracle(snapshot, { now })).map((f) => `${f.ruleId}:${f.actions!.join('+')}`);
}

test('an admin gets exactly one full-access finding', () => {
  assert.deepEqual(findingsFor(doc(allow('*'))), ['risky-full-access:*']);
});

test('GetSecretValue on every secret is credential exposure; on one named secret it is not', () => {
  assert.deepEqual(findingsFor(doc(allow('secretsmanager:GetSecretValue', '*'))), ['risky-credential-exposure:secretsmanager:GetSecretValue']);
  assert.deepEqual(findingsFor(doc(allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:app-db-AbCdEf'))), []);
});

test('CreateAccessKey on every user, through a wildcard account, is credential exposure', () => {
  assert.deepEqual(findingsFor(doc(allow('iam:CreateAccessKey', 'arn:aws:iam::*:user/*'))), ['risky-credential-exposure:iam:CreateAccessKey']);
});

test('an explicit Deny in another policy removes the risk', () => {
  assert.deepEqual(findingsFor(doc(allow(['s3:PutBucketPolicy', 'cloudtrail:StopLogging'])), doc(deny('s3:PutBucketPolicy'))), ['risky-defense-evasion:cloudtrail:StopLogging']);
});

test('NotAction grants count: everything but IAM still exposes data and resources', () => {
  const rules = findingsFor(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).map((r) => r.split(':')[0]);
  assert.ok(rules.includes('risky-data-exfiltration'));
  assert.ok(rules.includes('risky-resource-exposure'));
  assert.ok(!rules.includes('risky-permissions-management'));
  assert.ok(!rules.includes('risky-full-access'));
});
