// The exposure condition fixtures of issue 6 through the CLI (`cordon scan --zone organization`
// on an org tree + resources file): aws:PrincipalOrgID equal to the zone's organization → no
// finding; StringLike o-* → public finding; aws:SourceIp only → external (S3's meaning of public,
// issue 18) finding reporting the condition. Truth: IAM Access Analyzer's zone-of-trust semantics (see
// test/analyzers/exposure/conditions.test.ts for the unit-level derivation).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/model/finding.js';
import { runCordon } from '../helpers/cli.js';

const A = '111122223333';
const ORG = 'o-zone123456';
const bucket = (name: string, condition: object) => ({
  arn: `arn:aws:s3:::${name}`, resourceType: 'AWS::S3::Bucket', accountId: A,
  policy: { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*`, Condition: condition }] },
});

test('scan --zone organization: org condition → none; o-* → public; SourceIp only → external with the condition', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-exposure-cond-'));
  writeFileSync(join(dir, 'org.json'), JSON.stringify({ Id: 'r-root', Arn: `arn:aws:organizations::${A}:root/${ORG}/r-root`, Policies: [], Children: [{ Id: A, Type: 'Account', Policies: [] }, { Id: '222233334444', Type: 'Account', Policies: [] }] }));
  writeFileSync(join(dir, 'resources.json'), JSON.stringify({ resources: [
    bucket('org-only', { StringEquals: { 'aws:PrincipalOrgID': ORG } }),
    bucket('any-org', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }),
    bucket('office-ip', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
  ] }));
  const r = await runCordon(['scan', '--snapshot', join(dir, 'org.json'), join(dir, 'resources.json'), '--zone', 'organization', '--analyzers', 'exposure', '--no-store', '--output', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Finding[];
  const of = (name: string) => findings.filter((f) => f.resource === `arn:aws:s3:::${name}`);
  assert.deepEqual(of('org-only'), []);
  assert.deepEqual(of('any-org').map((f) => [f.type, f.isPublic]), [['PublicAccess', true]]);
  const ip = of('office-ip');
  // Issue 18: S3 counts a fixed range no broader than /8 as non-public; the access stays reported.
  assert.deepEqual(ip.map((f) => [f.type, f.isPublic]), [['ExternalAccess', false]]);
  assert.deepEqual(ip[0]!.condition, { 'aws:SourceIp': ['203.0.113.0/24'] });
});
