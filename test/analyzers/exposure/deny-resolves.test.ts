// The remediation contract with the real engine: adding to the trust policy a Deny statement
// whose Sid is the finding id (Access Analyzer's auto-resolution pattern) removes the finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeExposure } from '../../../src/analyzers/exposure/analyze.js';
import { cordonExposureEngine } from '../../../src/analyzers/exposure/engine-adapter.js';
import { doc, SnapshotBuilder } from '../../helpers/snapshot-builder.js';

const ALICE = 'arn:aws:iam::999988887777:user/Alice';

function roleTrusting(extra: Record<string, unknown>[] = []) {
  const b = new SnapshotBuilder();
  b.role({ name: 'Audit_CrossAccountRole', trust: doc({ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }, ...extra) });
  return b.build();
}

test('a Deny with Sid = finding id for the external principal resolves the finding', () => {
  const [finding] = analyzeExposure(roleTrusting(), cordonExposureEngine, { zone: 'account' });
  assert.ok(finding);
  const fixed = roleTrusting([{ Sid: finding.id, Effect: 'Deny', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' }]);
  assert.deepEqual(analyzeExposure(fixed, cordonExposureEngine, { zone: 'account' }), []);
});

test('a Deny that only applies under a condition the caller controls does not resolve it', () => {
  const [finding] = analyzeExposure(roleTrusting(), cordonExposureEngine, { zone: 'account' });
  const weak = roleTrusting([{ Sid: finding!.id, Effect: 'Deny', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }]);
  const [still] = analyzeExposure(weak, cordonExposureEngine, { zone: 'account' });
  assert.equal(still?.id, finding!.id);
});

test('a Deny of another action leaves the finding', () => {
  const [finding] = analyzeExposure(roleTrusting(), cordonExposureEngine, { zone: 'account' });
  const other = roleTrusting([{ Effect: 'Deny', Principal: { AWS: ALICE }, Action: 'sts:TagSession' }]);
  assert.equal(analyzeExposure(other, cordonExposureEngine, { zone: 'account' })[0]?.id, finding!.id);
});
