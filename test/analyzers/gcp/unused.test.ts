// Unused access from Activity Analyzer (`gcloud policy-intelligence query-activity
// --activity-type=serviceAccountLastAuthentication`, shape from cloud.google.com/policy-intelligence/docs/activity-analyzer-service-account-authentication)
// and from the Cordon-native activity file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeGcp } from '../../../src/analyzers/gcp/index.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { OTHER_SA, TARGET_SA, baseExports, snapshotOf } from './build.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const asSnapshot = (files: object[]): Snapshot => ({ sources: [], collectedAt: NOW.toISOString(), accounts: [], warnings: [], gcp: snapshotOf(files).gcp }) as unknown as Snapshot;
const activity = (id: string, time: string) => ({ activity: { lastAuthenticatedTime: time, serviceAccount: { fullResourceName: `//iam.googleapis.com/projects/p1/serviceAccounts/${id}`, projectNumber: '100000000001', serviceAccountId: id } }, activityType: 'serviceAccountLastAuthentication', fullResourceName: `//iam.googleapis.com/projects/p1/serviceAccounts/${id}`, observationPeriod: { endTime: '2026-11-30T07:00:00Z', startTime: '2026-08-30T07:00:00Z' } });

test('a service account with bindings, last authenticated 200 days ago, is unused; one used last week is not', () => {
  const files = [...baseExports(), { activities: [activity('110000000000000000001', '2026-05-15T07:00:00Z'), activity(OTHER_SA, '2026-11-25T07:00:00Z')] }];
  const unused = analyzeGcp(asSnapshot(files), NOW).filter((f) => f.type === 'UnusedRole');
  assert.deepEqual(unused.map((f) => f.principal), [`serviceAccount:${TARGET_SA}`], 'unique id resolved through the service-account list');
});

test('Cordon-native activity: permissions held but not used are reported', () => {
  const files = [...baseExports(), [{ name: 'roles/owner', title: 'Owner', includedPermissions: ['a.b.get', 'a.b.set'], stage: 'GA', etag: 'e' }], { gcpActivity: [{ principal: `serviceAccount:${TARGET_SA}`, lastUsed: '2026-11-30T00:00:00Z', permissions: ['a.b.get'] }] }];
  const f = analyzeGcp(asSnapshot(files), NOW).find((x) => x.type === 'UnusedPermission');
  assert.deepEqual(f?.actions, ['a.b.set']);
});
