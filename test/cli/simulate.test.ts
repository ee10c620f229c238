import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCordon } from '../helpers/cli.js';
import { pairPolicies } from '../../src/cli/commands/simulate.js';

// The cross-account example of the IAM User Guide ("Cross-account policy evaluation logic"): a
// user in account A whose identity policy allows s3:GetObject on a bucket in account B is denied
// unless account B's bucket policy also allows it.
const A = '111111111111';
const B = '222222222222';
const alice = `arn:aws:iam::${A}:user/alice`;

describe('cordon simulate', () => {
  let dir: string;
  let identity: string;
  let bucketPolicy: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-simulate-'));
    identity = join(dir, 'identity.json');
    bucketPolicy = join(dir, 'bucket.json');
    writeFileSync(identity, JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'ReadB', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-b/*' }] }));
    writeFileSync(bucketPolicy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'OnlyCarol', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/carol` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-b/*' }] }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const base = ['simulate', '--principal', alice, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::bucket-b/report.csv', '--resource-account', B];

  test('cross-account without a bucket-policy allow → ImplicitlyDenied (exit 0, decision is data)', async () => {
    const r = await runCordon([...base, '--policy', identity, '--policy-type', 'identity', '--policy-type', 'resource', '--policy', bucketPolicy, '--output', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { decision: string; explanation: { sid?: string }[] };
    assert.equal(out.decision, 'ImplicitlyDenied');
    assert.deepEqual(out.explanation.map((m) => m.sid), ['ReadB']);
  });

  test('cross-account with the bucket policy naming the user → Allowed, table output', async () => {
    const allowAlice = join(dir, 'bucket-alice.json');
    writeFileSync(allowAlice, JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Alice', Effect: 'Allow', Principal: { AWS: alice }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-b/*' }] }));
    const r = await runCordon([...base, '--policy-type', 'identity', '--policy', identity, '--policy-type', 'resource', '--policy', allowAlice]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Allowed\n/);
    assert.match(r.stdout, /Alice/);
  });

  test('malformed policy → exit 2 with the pointer', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 3.5, Resource: {} }] }));
    const r = await runCordon([...base, '--policy', bad, '--output', 'json']);
    assert.equal(r.code, 2);
    const env = JSON.parse(r.stdout) as { code: string; errors: { pointer?: string }[] };
    assert.equal(env.code, 'malformed_policy');
    assert.equal(env.errors[0]?.pointer, '/Statement/0/Resource');
  });

  test('--snapshot reads GAAD JSON through the snapshot loader', async () => {
    const gaad = join(dir, 'gaad.json');
    writeFileSync(
      gaad,
      JSON.stringify({
        UserDetailList: [
          {
            Path: '/', UserName: 'alice', UserId: 'AIDAEXAMPLE', Arn: alice, CreateDate: '2024-01-01T00:00:00Z', GroupList: [], AttachedManagedPolicies: [], Tags: [],
            UserPolicyList: [{ PolicyName: 'read', PolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })) }],
          },
        ],
        GroupDetailList: [], RoleDetailList: [], Policies: [],
      }),
    );
    const ok = await runCordon(['simulate', '--snapshot', gaad, '--principal', alice, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b/k', '--output', 'json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { decision: string }).decision, 'Allowed');
    const no = await runCordon(['simulate', '--snapshot', gaad, '--principal', alice, '--action', 'iam:CreateUser', '--resource', '*', '--output', 'json']);
    assert.equal((JSON.parse(no.stdout) as { decision: string }).decision, 'ImplicitlyDenied');
  });

  test('pairing rule: a type applies to the flags after it; flags before the first type take it', () => {
    const o = (value: string, seq: number) => ({ value, seq });
    assert.deepEqual(pairPolicies([o('a', 0), o('b', 2), o('c', 4)], [o('scp', 1), o('resource', 3)]), [
      { file: 'a', type: 'scp' },
      { file: 'b', type: 'scp' },
      { file: 'c', type: 'resource' },
    ]);
    assert.deepEqual(pairPolicies([o('a', 0)], []), [{ file: 'a', type: 'identity' }]);
    assert.throws(() => pairPolicies([o('a', 1)], [o('bogus', 0)]));
  });
});
