// The seed scenario against the sandbox (moto), through the CLI: role Audit_CrossAccountRole
// trusts arn:aws:iam::999988887777:user/Alice → collect + scan → ExternalAccess finding →
// `remediate ID` changes nothing (dry-run; snapshots before/after equal) → `--apply` puts a Deny
// whose Sid is the finding id in the trust policy → collect + scan → RESOLVED → `--rollback` →
// the original trust policy, equal as JSON.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import type { Finding } from '../../../src/model/finding.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { runCordon } from '../../helpers/cli.js';
import { useMoto } from '../../helpers/moto.js';

const moto = useMoto();
const dir = mkdtempSync(join(tmpdir(), 'cordon-remediate-'));
const db = join(dir, 'cordon.db');
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:user/Alice' }, Action: 'sts:AssumeRole' }] };

const aws = () => ['--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--db', db];

async function collectAndScan(name: string): Promise<{ snapshot: Snapshot; findings: Finding[] }> {
  const file = join(dir, `${name}.json`);
  const c = await runCordon(['collect', ...aws(), '--out', file]);
  assert.equal(c.code, 0, c.stderr);
  const s = await runCordon(['scan', '--snapshot', file, '--analyzers', 'exposure', '--db', db, '--output', 'json']);
  assert.ok(s.code === 0 || s.code === 1, s.stderr);
  return { snapshot: JSON.parse(readFileSync(file, 'utf8')) as Snapshot, findings: JSON.parse(s.stdout) as Finding[] };
}

async function trustOf(iam: IAMClient): Promise<unknown> {
  const r = await iam.send(new GetRoleCommand({ RoleName: 'Audit_CrossAccountRole' }));
  return JSON.parse(decodeURIComponent(r.Role!.AssumeRolePolicyDocument!));
}

test('seed scenario: plan changes nothing, apply → Deny with Sid = finding id → RESOLVED, rollback → original trust', async () => {
  const iam = new IAMClient(moto.config);
  try {
    await iam.send(new CreateRoleCommand({ RoleName: 'Audit_CrossAccountRole', AssumeRolePolicyDocument: JSON.stringify(TRUST) }));
    const first = await collectAndScan('before');
    const finding = first.findings.find((f) => f.type === 'ExternalAccess' && f.resource.endsWith(':role/Audit_CrossAccountRole'))!;
    assert.ok(finding, 'external access finding for the role');
    assert.equal(finding.status, 'ACTIVE');

    const dry = await runCordon(['remediate', finding.id, ...aws()]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^# add a Deny statement with Sid [0-9a-f]{32} to the trust policy of role Audit_CrossAccountRole/);
    assert.match(dry.stdout, /aws iam update-assume-role-policy --role-name Audit_CrossAccountRole --policy-document '\{.*"Sid":"[0-9a-f]{32}","Effect":"Deny"/);
    const unchanged = await collectAndScan('after-dry-run');
    assert.deepEqual(unchanged.snapshot.accounts[0]!.roles.map((r) => [r.name, r.trustPolicy]), first.snapshot.accounts[0]!.roles.map((r) => [r.name, r.trustPolicy]), 'dry-run changed nothing');

    const applied = await runCordon(['remediate', finding.id, '--apply', ...aws()]);
    assert.equal(applied.code, 0, applied.stderr);
    const trust = (await trustOf(iam)) as { Statement: { Sid?: string; Effect: string; Principal: unknown }[] };
    const deny = trust.Statement.find((s) => s.Sid === finding.id)!;
    assert.equal(deny.Effect, 'Deny');
    assert.deepEqual(deny.Principal, { AWS: 'arn:aws:iam::999988887777:user/Alice' });

    const after = await collectAndScan('after-apply');
    assert.ok(!after.findings.some((f) => f.id === finding.id && f.status === 'ACTIVE'));
    const shown = await runCordon(['findings', 'show', finding.id, '--db', db, '--output', 'json']);
    assert.match(shown.stdout, /"status": "RESOLVED"/);

    const again = await runCordon(['remediate', finding.id, '--apply', ...aws(), '--snapshot', join(dir, 'before.json')]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(((await trustOf(iam)) as { Statement: { Sid?: string }[] }).Statement.filter((s) => s.Sid === finding.id).length, 1, 'a second apply adds nothing');

    const rolled = await runCordon(['remediate', finding.id, '--rollback', ...aws()]);
    assert.equal(rolled.code, 0, rolled.stderr);
    assert.deepEqual(await trustOf(iam), TRUST);
  } finally {
    iam.destroy();
  }
});

test('a finding that is not in the store, or not remediable, exits 2 with one line', async () => {
  const r = await runCordon(['remediate', '0123456789abcdef0123456789abcdef', ...aws()]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not found/);
});
