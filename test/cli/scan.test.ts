// `cordon scan` end to end through the real binary: exit codes, JSON that validates against
// docs/finding.schema.json, the store lifecycle across two scans, SARIF and HTML outputs.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { Finding } from '../../src/model/finding.js';
import { runCordon } from '../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/escalation/iam-vulnerable/', import.meta.url));
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/finding.schema.json', import.meta.url)), 'utf8')) as object;
const dir = mkdtempSync(join(tmpdir(), 'cordon-scan-'));
const db = join(dir, 'cordon.db');
// Fixtures were created on 2021-06-01: one day later nothing is "unused" yet.
const NOW = '2021-06-02T00:00:00Z';

test('findings present → exit 1, and the JSON validates against the published schema', async () => {
  const r = await runCordon(['scan', '--snapshot', join(FIXTURES, 'fn2-ExploitableResourceConstraint.json'), '--output', 'json', '--db', db, '--now', NOW]);
  assert.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Finding[];
  assert.ok(findings.some((f) => f.type === 'PrivilegeEscalation' && f.path!.length >= 1));
  // Formats are checked by hand below (ajv-formats is not a dependency).
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
  for (const f of findings) {
    assert.ok(validate(f), JSON.stringify(validate.errors));
    assert.ok(!Number.isNaN(Date.parse(f.createdAt)) && !Number.isNaN(Date.parse(f.updatedAt)));
  }
});

test('no findings → exit 0 and an empty JSON array', async () => {
  const r = await runCordon(['scan', '--snapshot', join(FIXTURES, 'fp3-deny.json'), '--output', 'json', '--no-store', '--now', NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('a second scan without the issue marks it RESOLVED in the store, same id', async () => {
  const store = join(dir, 'lifecycle.db');
  const gaad = JSON.parse(readFileSync(join(FIXTURES, 'fn2-ExploitableResourceConstraint.json'), 'utf8')) as { Policies: { PolicyVersionList: { Document: { Statement: unknown[] } }[] }[] };
  const file = join(dir, 'account.json');
  writeFileSync(file, JSON.stringify(gaad));
  const first = JSON.parse((await runCordon(['scan', '--snapshot', file, '--output', 'json', '--db', store, '--now', NOW])).stdout) as Finding[];
  const escalation = first.find((f) => f.type === 'PrivilegeEscalation')!;
  gaad.Policies[0]!.PolicyVersionList[0]!.Document.Statement = [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }];
  writeFileSync(file, JSON.stringify(gaad));
  const second = await runCordon(['scan', '--snapshot', file, '--output', 'json', '--db', store, '--now', '2021-06-03T00:00:00Z']);
  assert.equal(second.code, 0, second.stderr);
  const resolved = (JSON.parse((await runCordon(['findings', 'list', '--status', 'RESOLVED', '--output', 'json', '--db', store])).stdout) as { findings: Finding[] }).findings;
  assert.ok(resolved.some((f) => f.id === escalation.id && f.status === 'RESOLVED'));
});

test('SARIF and HTML outputs', async () => {
  const sarif = await runCordon(['scan', '--snapshot', join(FIXTURES, 'fn1-privesc3-multiple-policies.json'), '--output', 'sarif', '--no-store', '--now', NOW]);
  assert.equal(JSON.parse(sarif.stdout).version, '2.1.0');
  const out = join(dir, 'report.html');
  const html = await runCordon(['scan', '--snapshot', join(FIXTURES, 'fn1-privesc3-multiple-policies.json'), '--output', 'html', '--out', out, '--no-store', '--now', NOW]);
  assert.equal(html.code, 1);
  const page = readFileSync(out, 'utf8');
  assert.match(page, /<section id="escalation">/);
  assert.match(page, /ec2-001/);
});

test('bad flags exit 2 with one line', async () => {
  const r = await runCordon(['scan', '--snapshot', join(FIXTURES, 'fp3-deny.json'), '--zone', 'galaxy']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--zone must be account\|organization/);
});
