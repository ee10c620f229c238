/**
 * `cordon simulate` refuses malformed input with one line naming the flag (exit 2) instead of
 * answering a confident `ImplicitlyDenied` about a request that cannot exist (issue 19).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCordon } from '../helpers/cli.js';
import { checkPrincipalKnown, validateAwsRequestFlags } from '../../src/cli/commands/simulate.js';
import { compileSnapshot } from '../../src/engine/index.js';

const A = '111111111111';
const alice = `arn:aws:iam::${A}:user/alice`;
const ok = { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };

describe('simulate input validation (flags)', () => {
  const rejects = async (over: Partial<typeof ok>, flag: string, what: RegExp) => {
    await assert.rejects(validateAwsRequestFlags({ ...ok, ...over }), (e: Error) => e.message.startsWith(flag) && what.test(e.message) && !e.message.includes('\n'));
  };
  test('well-formed principals and actions pass', async () => {
    for (const principal of [alice, `arn:aws:iam::${A}:role/path/app`, `arn:aws:sts::${A}:assumed-role/app/s1`, `arn:aws:iam::${A}:root`, 'lambda.amazonaws.com', `arn:aws-us-gov:iam::${A}:user/u`]) {
      await validateAwsRequestFlags({ ...ok, principal });
    }
    await validateAwsRequestFlags({ ...ok, action: 's3:getobject', resource: '*' });
  });
  test('a malformed principal ARN names --principal', async () => {
    for (const principal of ['alice', `arn:aws:iam::${A}:group/admins`, 'arn:aws:iam::12:user/a', `arn:aws:s3:::bucket`, `arn:aws:iam::${A}:user/`]) await rejects({ principal }, '--principal', /not a principal ARN/);
  });
  test('an action without a service prefix, an unknown service, an unknown action or a pattern names --action', async () => {
    await rejects({ action: 'GetObject' }, '--action', /no service prefix/);
    await rejects({ action: 'nosuchservice:GetThing' }, '--action', /unknown service prefix/);
    await rejects({ action: 's3:GetObjekt' }, '--action', /not an action of `s3`/);
    await rejects({ action: 's3:Get*' }, '--action', /pattern/);
  });
  test('a resource that is neither an ARN nor * names --resource', async () => {
    await rejects({ resource: 'my-bucket' }, '--resource', /not an ARN/);
  });
});

describe('simulate input validation (snapshot principals)', () => {
  // The check reads only `principals()`: a two-principal model stands for a compiled snapshot.
  let model: ReturnType<typeof compileSnapshot>;
  before(() => {
    model = { principals: () => [
      { arn: alice, kind: 'user', accountId: A, name: 'alice', serviceLinked: false, identityCenter: false },
      { arn: `arn:aws:iam::${A}:role/app`, kind: 'role', accountId: A, name: 'app', serviceLinked: false, identityCenter: false },
    ] } as unknown as ReturnType<typeof compileSnapshot>;
  });
  test('known users, roles, their sessions, the root of a collected account and services pass', () => {
    for (const p of [alice, `arn:aws:iam::${A}:role/app`, `arn:aws:sts::${A}:assumed-role/app/s1`, `arn:aws:iam::${A}:root`, 'ec2.amazonaws.com']) checkPrincipalKnown(model, p);
  });
  test('an absent principal names --principal', () => {
    for (const p of [`arn:aws:iam::${A}:user/mallory`, `arn:aws:sts::${A}:assumed-role/ghost/s1`, 'arn:aws:iam::999999999999:root']) {
      assert.throws(() => checkPrincipalKnown(model, p), /^UsageError: --principal .* is not in the snapshot/);
    }
  });
});

describe('cordon simulate exits 2 with one line', () => {
  let dir: string;
  let gaad: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-simulate-input-'));
    gaad = join(dir, 'gaad.json');
    writeFileSync(gaad, JSON.stringify({
      UserDetailList: [{ Path: '/', UserName: 'alice', UserId: 'AIDAEXAMPLE', Arn: alice, CreateDate: '2024-01-01T00:00:00Z', GroupList: [], AttachedManagedPolicies: [], Tags: [], UserPolicyList: [] }],
      GroupDetailList: [], RoleDetailList: [], Policies: [],
    }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, args, flag] of [
    ['principal absent from the snapshot', ['--principal', `arn:aws:iam::${A}:user/mallory`, '--action', 's3:GetObject'], '--principal'],
    ['action without a service prefix', ['--principal', alice, '--action', 'GetObject'], '--action'],
  ] as const) {
    test(name, async () => {
      const r = await runCordon(['simulate', '--snapshot', gaad, ...args, '--resource', 'arn:aws:s3:::b/k']);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('(node') && l.trim() !== '');
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0]!.includes(flag), r.stderr);
    });
  }
});

test('a service rule is named in the table output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-simulate-rule-'));
  try {
    const admin = join(dir, 'admin.json');
    writeFileSync(admin, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
    const r = await runCordon(['simulate', '--policy', admin, '--principal', alice, '--action', 'iam:CreatePolicyVersion', '--resource', 'arn:aws:iam::aws:policy/AdministratorAccess']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ExplicitlyDenied\ndecided by the AWS service rule aws-managed-policy-immutable/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
