// Issue 23 acceptance: `cordon generate-policy --cloudtrail athena://...` works against moto end to
// end and gives the same policy as the local files of the same events. moto does not execute SQL:
// it answers GetQueryResults from a queue of seeded results (moto's /moto-api/static/athena/
// query-results). The seeded rows are the generated SQL's own result, computed by executing that
// SQL in DuckDB over the same events, so the whole path — SQL, the SDK's Athena calls (execution,
// states, results), row mapping, generation — is what runs.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { activitySql, RESULT_COLUMNS } from '../../src/activity/sql/cloudtrail-sql.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { runCordon } from '../helpers/cli.js';
import { useMoto } from '../helpers/moto.js';
import { cloudTrailDuckDb, queryRows } from './sql/duckdb-cloudtrail.js';

const moto = useMoto();
const ACCT = '111122223333';
const ROLE = `arn:aws:iam::${ACCT}:role/build-runner`;
const START = '2026-11-01T00:00:00Z';
const END = '2026-11-09T00:00:00Z';

function history(): CloudTrailEvent[] {
  const who = { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/build-runner/ci`, accountId: ACCT, sessionContext: { sessionIssuer: { type: 'Role', arn: ROLE, accountId: ACCT, userName: 'build-runner' } } };
  const events: CloudTrailEvent[] = [];
  for (let day = 1; day <= 7; day++) {
    const t = `2026-11-0${day}T10:00:00Z`;
    const object = (k: string) => [{ ARN: `arn:aws:s3:::acme-artifacts/${k}`, type: 'AWS::S3::Object' }, { ARN: 'arn:aws:s3:::acme-artifacts', accountId: ACCT, type: 'AWS::S3::Bucket' }];
    events.push({ eventID: `g${day}`, eventTime: t, eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', recipientAccountId: ACCT, userIdentity: who, requestParameters: { bucketName: 'acme-artifacts', key: `builds/${day}/input.tgz` }, resources: object(`builds/${day}/input.tgz`) });
    events.push({ eventID: `p${day}`, eventTime: t.replace('10:00', '10:01'), eventSource: 's3.amazonaws.com', eventName: 'PutObject', awsRegion: 'us-east-1', recipientAccountId: ACCT, userIdentity: who, requestParameters: { bucketName: 'acme-artifacts', key: `builds/${day}/output.tgz` }, resources: object(`builds/${day}/output.tgz`) });
    events.push({ eventID: `e${day}`, eventTime: t.replace('10:00', '10:02'), eventSource: 'ecr.amazonaws.com', eventName: 'GetAuthorizationToken', awsRegion: 'us-east-1', recipientAccountId: ACCT, userIdentity: who, requestParameters: {} });
  }
  events.push({ eventID: 'd1', eventTime: '2026-11-05T12:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', awsRegion: 'us-east-1', recipientAccountId: ACCT, userIdentity: who, requestParameters: { userName: 'tmp' }, errorCode: 'AccessDenied' });
  return events;
}

test('generate-policy --cloudtrail athena://… against moto = the same policy from the local files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-athena-'));
  const events = history();
  const trail = join(dir, 'trail.json');
  writeFileSync(trail, JSON.stringify({ Records: events }));
  // The SQL the CLI will send, executed over the same events.
  const db = await cloudTrailDuckDb(events, dir);
  const rows = await queryRows(db, activitySql('athena', { table: 'athena_cloudtrail', start: new Date(START).toISOString(), end: new Date(END).toISOString(), principal: ROLE }));
  assert.ok(rows.length >= 4);
  const cell = (v: string | null) => (v === null ? {} : { VarCharValue: v });
  const one = {
      column_info: RESULT_COLUMNS.map((name) => ({ CatalogName: 'hive', SchemaName: '', TableName: '', Name: name, Label: name, Type: 'varchar', Precision: 0, Scale: 0, Nullable: 'UNKNOWN', CaseSensitive: true })),
      rows: [{ Data: RESULT_COLUMNS.map((c) => ({ VarCharValue: c })) }, ...rows.map((r) => ({ Data: RESULT_COLUMNS.map((c) => cell(r[c] ?? null)) }))],
  };
  // Two queries will run (without and with the store): moto answers each from this queue.
  const seeded = { results: [one, one] };
  const res = await fetch(`${moto.endpoint}/moto-api/static/athena/query-results`, { method: 'POST', body: JSON.stringify(seeded), headers: { 'Content-Type': 'application/json' } });
  assert.equal(res.status, 201);

  const common = ['generate-policy', '--principal', ROLE, '--start', START, '--end', END, '--no-store', '--output', 'json'];
  const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
  const viaAthena = await runCordon([...common, '--cloudtrail', 'athena://primary/cloudtrail.org_trail', '--endpoint-url', moto.endpoint], { env });
  assert.equal(viaAthena.code, 0, viaAthena.stderr);
  assert.match(viaAthena.stderr, /athena:\/\/primary\/cloudtrail\.org_trail: query [\w-]+ SUCCEEDED, \d+ bytes scanned/);
  const local = await runCordon([...common, '--cloudtrail', trail], { env });
  assert.equal(local.code, 0, local.stderr);
  assert.deepEqual(JSON.parse(viaAthena.stdout), JSON.parse(local.stdout));
  // With the store (default), pushed-down rows are used as they are, not ingested: same policy, twice.
  const withStore = ['generate-policy', '--principal', ROLE, '--start', START, '--end', END, '--output', 'json', '--db', join(dir, 'cordon.db'), '--cloudtrail', 'athena://primary/cloudtrail.org_trail', '--endpoint-url', moto.endpoint];
  const stored = await runCordon(withStore, { env });
  assert.equal(stored.code, 0, stored.stderr);
  assert.deepEqual(JSON.parse(stored.stdout), JSON.parse(local.stdout));
  assert.match(stored.stderr, /proof: (\d+)\/\1 observed/);
  // And it is the generalised policy of the issue: builds/*, not seven objects; CreateUser (denied) not granted.
  assert.match(viaAthena.stdout, /acme-artifacts\/builds\/\*/);
  assert.doesNotMatch(viaAthena.stdout, /CreateUser/);
  for (const out of [viaAthena.stderr, local.stderr]) assert.match(out, /proof: (\d+)\/\1 observed/);
});

test('a malformed athena:// source is one usage line, exit 2', async () => {
  const r = await runCordon(['generate-policy', '--principal', ROLE, '--cloudtrail', 'athena://primary/no-table', '--no-store']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /expected athena:\/\/WORKGROUP\/DATABASE\.TABLE/);
});

test('activity setup --athena --apply creates the database and table through Athena (moto accepts the DDL)', async () => {
  const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
  const r = await runCordon(['activity', 'setup', '--athena', '--bucket', 'org-trail-logs', '--org-id', 'o-a1b2c3d4e5', '--accounts', ACCT, '--apply', '--endpoint-url', moto.endpoint], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /CREATE DATABASE IF NOT EXISTS cloudtrail → query [\w-]+ SUCCEEDED/);
  assert.match(r.stderr, /CREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail\.org_trail \( → query [\w-]+ SUCCEEDED/);
});

test('scan --cloudtrail athena://… gives the UnusedPermission findings of the local files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-athena-scan-'));
  const events = history().map((e) => ({ ...e, eventTime: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 19) + 'Z' }));
  const trail = join(dir, 'trail.json');
  writeFileSync(trail, JSON.stringify({ Records: events }));
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'ecr:GetAuthorizationToken'], Resource: '*' }] };
  const gaad = join(dir, 'gaad.json');
  writeFileSync(gaad, JSON.stringify({ UserDetailList: [], GroupDetailList: [], Policies: [], RoleDetailList: [{ Path: '/', RoleName: 'build-runner', RoleId: 'AROABUILDRUNNER', Arn: ROLE, CreateDate: '2024-01-01T00:00:00Z', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' }] }, InstanceProfileList: [], RolePolicyList: [{ PolicyName: 'build', PolicyDocument: policy }], AttachedManagedPolicies: [], Tags: [], RoleLastUsed: {} }] }));
  const db = await cloudTrailDuckDb(events, dir);
  const rows = await queryRows(db, activitySql('athena', { table: 'athena_cloudtrail', start: '2000-01-01', end: '2100-01-01' }));
  const cell = (v: string | null) => (v === null ? {} : { VarCharValue: v });
  const seeded = { results: [{ column_info: RESULT_COLUMNS.map((name) => ({ Name: name, Label: name, Type: 'varchar' })), rows: [{ Data: RESULT_COLUMNS.map((c) => ({ VarCharValue: c })) }, ...rows.map((r) => ({ Data: RESULT_COLUMNS.map((c) => cell(r[c] ?? null)) }))] }] };
  assert.equal((await fetch(`${moto.endpoint}/moto-api/static/athena/query-results`, { method: 'POST', body: JSON.stringify(seeded) })).status, 201);
  const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
  const unused = (out: string) => (JSON.parse(out) as { type: string; title: string; details?: unknown }[]).filter((f) => f.type === 'UnusedPermission').map((f) => [f.title, f.details]);
  const common = ['scan', '--snapshot', gaad, '--no-store', '--output', 'json', '--analyzers', 'unused'];
  const viaAthena = await runCordon([...common, '--cloudtrail', 'athena://primary/cloudtrail.org_trail', '--endpoint-url', moto.endpoint], { env });
  const local = await runCordon([...common, '--cloudtrail', trail], { env });
  assert.ok([0, 1].includes(viaAthena.code), viaAthena.stderr);
  assert.deepEqual(unused(viaAthena.stdout), unused(local.stdout));
  assert.match(JSON.stringify(unused(local.stdout)), /"unusedActions":\{"s3":\["s3:DeleteObject"\]\}/);
});
