// Exposure reasoning over identity conditions (symbolic, not sampled). Truth: IAM Access
// Analyzer's documented semantics (IAM User Guide, "Access Analyzer findings" / zone of trust):
// a condition that restricts callers to the zone removes the finding, one that only narrows it
// (aws:SourceIp) keeps it and is reported; the IfExists / ForAllValues cases are hand derivations
// from "Condition operators ... IfExists" and "Single-valued vs multivalued context keys".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeExposure, type ExposureEngine } from '../../../src/analyzers/exposure/analyze.js';
import { parsePolicy } from '../../../src/model/policy/index.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { doc, SnapshotBuilder } from '../../helpers/snapshot-builder.js';

/** Parser only; these fixtures have no Deny statements, so nothing is removed. */
const noDenies: ExposureEngine = {
  parse: (document, id, type) => parsePolicy(document, { id, type }),
  statementActions: (s) => s.action.patterns.map((p) => p.value),
  allowedAfterDenies: (_p, _r, _reach, actions) => actions,
};

const ORG = 'o-zone123456';
const BUCKET = 'arn:aws:s3:::acme-data';

function bucketSnapshot(condition?: Record<string, unknown>, principal: unknown = '*'): Snapshot {
  const b = new SnapshotBuilder();
  b.account.resources.push({
    arn: BUCKET, resourceType: 'AWS::S3::Bucket', accountId: b.account.accountId, origin: {},
    policy: doc({ Sid: 'Read', Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: `${BUCKET}/*`, ...(condition ? { Condition: condition } : {}) }),
  });
  const snapshot = b.build();
  snapshot.organization = { id: ORG, managementAccountId: b.account.accountId, rootId: 'r-root', units: [], accounts: [{ id: b.account.accountId, parentId: 'r-root' }, { id: '222233334444', parentId: 'r-root' }], policies: [], origin: {} };
  return snapshot;
}

describe('aws:PrincipalOrgID and friends', () => {
  test('StringEquals the zone organization → no finding (organization zone)', () => {
    assert.deepEqual(analyzeExposure(bucketSnapshot({ StringEquals: { 'aws:PrincipalOrgID': ORG } }), noDenies, { zone: 'organization' }), []);
  });
  test('the same condition with an account zone → external (other org accounts are outside)', () => {
    const [f] = analyzeExposure(bucketSnapshot({ StringEquals: { 'aws:PrincipalOrgID': ORG } }), noDenies, { zone: 'account' });
    assert.equal(f?.type, 'ExternalAccess');
    assert.equal(f?.isPublic, false);
    assert.deepEqual(f?.condition, { 'aws:PrincipalOrgID': [ORG] });
  });
  test('StringLike o-* → public finding (any organization)', () => {
    const [f, ...rest] = analyzeExposure(bucketSnapshot({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } }), noDenies, { zone: 'organization' });
    assert.equal(rest.length, 0);
    assert.equal(f?.type, 'PublicAccess');
    assert.deepEqual(f?.condition, { 'aws:PrincipalOrgID': ['o-*'] });
  });
  test('aws:SourceIp only on a bucket → not public (S3: a /24 is a fixed range), external with the condition', () => {
    const [f] = analyzeExposure(bucketSnapshot({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }), noDenies, { zone: 'account' });
    assert.equal(f?.type, 'ExternalAccess');
    assert.equal(f?.isPublic, false);
    assert.deepEqual(f?.condition, { 'aws:SourceIp': ['203.0.113.0/24'] });
    assert.deepEqual(f?.actions, ['s3:GetObject']);
  });
  test('aws:PrincipalAccount pins the caller to one outside account', () => {
    const [f] = analyzeExposure(bucketSnapshot({ StringEquals: { 'aws:PrincipalAccount': '999988887777' } }), noDenies, { zone: 'account' });
    assert.deepEqual(f?.principal, { AWS: '999988887777' });
    assert.equal(f?.isPublic, false);
  });
  test('StringEqualsIfExists on the org does not restrict (principals outside any org pass)', () => {
    const [f] = analyzeExposure(bucketSnapshot({ StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } }), noDenies, { zone: 'organization' });
    assert.equal(f?.type, 'PublicAccess');
  });
  test('ForAllValues on a single-valued key does not restrict (absent key is vacuously true)', () => {
    const [f] = analyzeExposure(bucketSnapshot({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': ORG } }), noDenies, { zone: 'organization' });
    assert.equal(f?.type, 'PublicAccess');
  });
  test('a named account inside the organization is not external in an organization zone', () => {
    assert.deepEqual(analyzeExposure(bucketSnapshot(undefined, { AWS: 'arn:aws:iam::222233334444:root' }), noDenies, { zone: 'organization' }), []);
    assert.equal(analyzeExposure(bucketSnapshot(undefined, { AWS: 'arn:aws:iam::222233334444:root' }), noDenies, { zone: 'account' }).length, 1);
  });
});

describe('service principals', () => {
  test('a service without aws:SourceAccount is a confused-deputy finding, with it none', () => {
    const [f] = analyzeExposure(bucketSnapshot(undefined, { Service: 'cloudtrail.amazonaws.com' }), noDenies, { zone: 'account' });
    assert.equal(f?.type, 'ConfusedDeputy');
    assert.deepEqual(analyzeExposure(bucketSnapshot({ StringEquals: { 'aws:SourceAccount': '111122223333' } }, { Service: 'cloudtrail.amazonaws.com' }), noDenies, { zone: 'account' }), []);
  });
});

describe('roles trusted from outside (the seed case)', () => {
  test('a role trusting arn:aws:iam::999988887777:user/Alice is an external finding with a stable alphanumeric id', () => {
    const build = () => {
      const b = new SnapshotBuilder();
      b.role({ name: 'Audit_CrossAccountRole', trust: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:user/Alice' }, Action: 'sts:AssumeRole' }) });
      return b.build();
    };
    const [f] = analyzeExposure(build(), noDenies, { zone: 'account' });
    assert.equal(f?.type, 'ExternalAccess');
    assert.equal(f?.resourceType, 'AWS::IAM::Role');
    assert.deepEqual(f?.principal, { AWS: 'arn:aws:iam::999988887777:user/Alice' });
    assert.match(f!.id, /^[a-z0-9]+$/);
    assert.equal(analyzeExposure(build(), noDenies, { zone: 'account' })[0]!.id, f!.id);
  });
});
