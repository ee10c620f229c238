// Unused roles, keys and passwords: hand-derived ages against a fixed clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeUnusedAccess } from '../../../src/analyzers/unused/index.js';
import { SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

const now = new Date('2026-06-01T00:00:00Z');

function snapshot() {
  const b = new SnapshotBuilder();
  b.role({ name: 'never-used-old', trust: trust({ Service: 'ec2.amazonaws.com' }) });
  b.role({ name: 'used-recently', trust: trust({ Service: 'ec2.amazonaws.com' }) });
  b.role({ name: 'new-role', trust: trust({ Service: 'ec2.amazonaws.com' }) });
  b.role({ name: 'AWSServiceRoleForSupport', trust: trust({ Service: 'support.amazonaws.com' }), serviceLinked: true });
  const [oldRole, recent, fresh, linked] = b.account.roles;
  oldRole!.createDate = '2025-01-01T00:00:00Z'; // 516 days before now, never used
  recent!.createDate = '2025-01-01T00:00:00Z';
  recent!.lastUsed = { date: '2026-05-20T00:00:00Z' }; // 12 days
  fresh!.createDate = '2026-05-30T00:00:00Z'; // 2 days old, never used: not a finding yet
  linked!.createDate = '2020-01-01T00:00:00Z';
  b.user({ name: 'svc' });
  const user = b.account.users[0]!;
  user.accessKeys = [
    { accessKeyId: 'AKIAOLD', status: 'Active', createDate: '2025-01-01T00:00:00Z', lastUsedDate: '2026-01-01T00:00:00Z' }, // 151 days
    { accessKeyId: 'AKIAOFF', status: 'Inactive', createDate: '2020-01-01T00:00:00Z' },
  ];
  user.loginProfile = { createDate: '2026-05-01T00:00:00Z' }; // 31 days, never used
  return b.build();
}

test('default 90 days: old never-used role and old key; not recent, new, service-linked or inactive', () => {
  const findings = analyzeUnusedAccess(snapshot(), { now });
  assert.deepEqual(findings.map((f) => `${f.type}:${f.title}`).sort(), [
    'UnusedAccessKey:access key AKIAOLD of svc last used 151 days ago',
    'UnusedRole:role never-used-old never used in 516 days',
  ]);
});

test('a 30-day window also flags the never-used password and keeps ids stable', () => {
  const a = analyzeUnusedAccess(snapshot(), { now, maxAgeDays: 30 });
  assert.deepEqual(a.map((f) => f.type).sort(), ['UnusedAccessKey', 'UnusedPassword', 'UnusedRole']);
  assert.deepEqual(a.map((f) => f.id), analyzeUnusedAccess(snapshot(), { now, maxAgeDays: 30 }).map((f) => f.id));
});

test('age outside 1-365 is refused', () => {
  assert.throws(() => analyzeUnusedAccess(snapshot(), { now, maxAgeDays: 0 }), RangeError);
  assert.throws(() => analyzeUnusedAccess(snapshot(), { now, maxAgeDays: 366 }), RangeError);
});
