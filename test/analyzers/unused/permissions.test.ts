// UnusedPermission: granted (engine) minus used (activity), by service, with a trimmed policy that
// keeps the used actions on the same resources and is proven to grant nothing new. A principal
// without any activity is the UnusedRole finding's business (RoleLastUsed), not this one's.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { runAnalyzers } from '../../../src/analyzers/index.js';
import { loadCatalog, type Catalog } from '../../../src/catalog/index.js';
import { doc, SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

let catalog: Catalog;
before(async () => {
  catalog = await loadCatalog();
});

const now = new Date('2026-11-01T00:00:00Z');

function snapshot() {
  const b = new SnapshotBuilder();
  b.role({ name: 'app', trust: trust({ Service: 'ec2.amazonaws.com' }), inline: [doc({ Effect: 'Allow', Action: ['s3:*', 'sqs:SendMessage'], Resource: '*' }), doc({ Effect: 'Allow', Action: 'dynamodb:Query', Resource: 'arn:aws:dynamodb:us-east-1:111111111111:table/t' })] });
  b.role({ name: 'idle', trust: trust({ Service: 'ec2.amazonaws.com' }), inline: [doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })] });
  const snap = b.build();
  for (const r of snap.accounts[0]!.roles) r.createDate = '2025-01-01T00:00:00Z';
  snap.accounts[0]!.roles[0]!.lastUsed = { date: '2026-10-30T00:00:00Z' };
  return snap;
}

test('used s3:GetObject only: the rest of s3, sqs and dynamodb are unused; the trimmed policy keeps GetObject on *', () => {
  const snap = snapshot();
  const app = snap.accounts[0]!.roles[0]!.arn;
  const findings = runAnalyzers({ snapshot: snap, now, activity: new Map([[app, { usedActions: new Set(['s3:GetObject']) }]]), catalog }, ['unused']);
  const unusedPermission = findings.filter((f) => f.type === 'UnusedPermission');
  assert.equal(unusedPermission.length, 1);
  const f = unusedPermission[0]!;
  assert.equal(f.principal, app);
  const details = f.details as { unusedServices: string[]; unusedActions: Record<string, string[]>; recommendedPolicy: { Statement: unknown[] }; recommendedPolicyProof: { noNewAccess: string } };
  assert.deepEqual(details.unusedServices, ['dynamodb', 'sqs']);
  assert.ok(details.unusedActions.s3!.includes('s3:PutObject') && !details.unusedActions.s3!.includes('s3:GetObject'));
  assert.deepEqual(details.recommendedPolicy.Statement, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
  assert.equal(details.recommendedPolicyProof.noNewAccess, 'PASS');
  // The idle role has no activity: UnusedRole (never used since 2025), no UnusedPermission.
  assert.ok(findings.some((x) => x.type === 'UnusedRole' && x.resource.endsWith('role/idle')));
});

test('a principal that used everything it holds has no UnusedPermission finding', () => {
  const b = new SnapshotBuilder();
  b.role({ name: 'narrow', trust: trust({ Service: 'ec2.amazonaws.com' }), inline: [doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' })] });
  const snap = b.build();
  const arn = snap.accounts[0]!.roles[0]!.arn;
  const findings = runAnalyzers({ snapshot: snap, now, activity: new Map([[arn, { usedActions: new Set(['sqs:SendMessage']) }]]), catalog }, ['unused']);
  assert.deepEqual(findings.filter((f) => f.type === 'UnusedPermission'), []);
});
