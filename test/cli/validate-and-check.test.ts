// `cordon validate` and `cordon check` through the real binary: exit codes, line numbers, JSON
// and SARIF output, and the PASS/FAIL checks with their reasons.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCordon } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cordon-validate-'));
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};

// The Access Analyzer reference's PASS_ROLE_WITH_STAR_IN_RESOURCE example shape: PassRole on "*".
const PASS_ROLE = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*"
    }
  ]
}
`;

test('validate: iam:PassRole on * → SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE on line 7, exit 1', async () => {
  const path = file('passrole.json', PASS_ROLE);
  const r = await runCordon(['validate', path, '--type', 'identity']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7:7\\s+SECURITY_WARNING\\s+PASS_ROLE_WITH_STAR_IN_RESOURCE`));
  const json = await runCordon(['validate', path, '--output', 'json']);
  const findings = (JSON.parse(json.stdout) as { findings: { issueCode: string; findingType: string; span: { start: { line: number } } }[] }).findings;
  assert.deepEqual(findings.map((f) => [f.issueCode, f.findingType, f.span.start.line]), [['PASS_ROLE_WITH_STAR_IN_RESOURCE', 'SECURITY_WARNING', 7]]);
});

test('validate: SARIF output locates the finding; a clean policy exits 0; warnings alone exit 0', async () => {
  const sarif = JSON.parse((await runCordon(['validate', file('p.json', PASS_ROLE), '--output', 'sarif'])).stdout) as { version: string; runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0]!.results[0]!.ruleId, 'PASS_ROLE_WITH_STAR_IN_RESOURCE');
  assert.equal(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine, 7);
  const clean = await runCordon(['validate', file('clean.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] })]);
  assert.equal(clean.code, 0, clean.stdout);
  assert.match(clean.stdout, /no findings/);
  const warning = await runCordon(['validate', file('noversion.json', { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] })]);
  assert.equal(warning.code, 0);
  assert.match(warning.stdout, /MISSING_VERSION/);
});

test('validate: a truncated file is JSON_SYNTAX_ERROR with its line (exit 1); a missing file or bad type exits 2', async () => {
  const r = await runCordon(['validate', file('broken.json', '{\n  "Version": "2012-10-17",\n  "Statement": [\n')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /broken\.json:4:1\s+ERROR\s+JSON_SYNTAX_ERROR/);
  assert.equal((await runCordon(['validate', join(dir, 'nope.json')])).code, 2);
  const bad = await runCordon(['validate', file('x.json', PASS_ROLE), '--type', 'banana']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--type must be one of/);
});

test('check no-new-access / access-not-granted / no-public-access: PASS 0, FAIL 1 with statement reasons', async () => {
  const existing = file('existing.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:ListBucket'], Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] }] });
  const narrower = file('narrower.json', { Version: '2012-10-17', Statement: [{ Sid: 'Reports', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/reports/*' }] });
  const wider = file('wider.json', { Version: '2012-10-17', Statement: [{ Sid: 'Write', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::data/*' }] });
  const pass = await runCordon(['check', 'no-new-access', '--new', narrower, '--existing', existing]);
  assert.equal(pass.code, 0, pass.stdout + pass.stderr);
  assert.match(pass.stdout, /^PASS/);
  const fail = await runCordon(['check', 'no-new-access', '--new', wider, '--existing', existing, '--output', 'json']);
  assert.equal(fail.code, 1);
  const outcome = JSON.parse(fail.stdout) as { result: string; reasons: { statementIndex: number; sid: string; action: string }[] };
  assert.equal(outcome.result, 'FAIL');
  assert.deepEqual(outcome.reasons.map((r) => [r.statementIndex, r.sid, r.action]), [[0, 'Write', 's3:PutObject']]);

  const granted = await runCordon(['check', 'access-not-granted', '--policy', existing, '--actions', 's3:DeleteObject,s3:GetObject', '--resources', 'arn:aws:s3:::data/x']);
  assert.equal(granted.code, 1);
  assert.match(granted.stdout, /statement 0 grants s3:GetObject on arn:aws:s3:::data\/x/);
  assert.equal((await runCordon(['check', 'access-not-granted', '--policy', existing, '--actions', 's3:DeleteObject'])).code, 0);

  const bucket = file('bucket.json', { Version: '2012-10-17', Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] });
  const orgOnly = file('org-only.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] });
  const pub = await runCordon(['check', 'no-public-access', '--policy', bucket, '--resource-type', 'AWS::S3::Bucket']);
  assert.equal(pub.code, 1);
  assert.match(pub.stdout, /statement 0 \(Anyone\) allows any principal.*narrowed by aws:SourceIp/);
  assert.equal((await runCordon(['check', 'no-public-access', '--policy', orgOnly, '--resource-type', 'AWS::S3::Bucket'])).code, 0);
});
