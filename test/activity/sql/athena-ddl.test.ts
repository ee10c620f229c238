// `cordon activity setup --athena`: the table DDL for an organization trail bucket with partition
// projection on account, region and date. Truth: Athena User Guide, "Creating the table for
// CloudTrail logs in Athena using partition projection" (SerDe, input format, projection
// properties, storage.location.template for AWSLogs/o-xxx/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { athenaTableDdl } from '../../../src/activity/sql/athena-ddl.js';
import { activitySql } from '../../../src/activity/sql/cloudtrail-sql.js';
import { runCordon } from '../../helpers/cli.js';

const SPEC = { database: 'cloudtrail', table: 'org_trail', bucket: 'org-trail-logs', orgId: 'o-a1b2c3d4e5', accounts: ['111122223333', '444455556666'], regions: ['us-east-1', 'eu-west-1'], since: '2024/01/01' };

test('the DDL projects account, region and date over the org-trail layout', () => {
  const ddl = athenaTableDdl(SPEC);
  assert.match(ddl, /PARTITIONED BY \(account STRING, region STRING, `date` STRING\)/);
  assert.match(ddl, /'storage\.location\.template' = 's3:\/\/org-trail-logs\/AWSLogs\/o-a1b2c3d4e5\/\$\{account\}\/CloudTrail\/\$\{region\}\/\$\{date\}'/);
  assert.match(ddl, /'projection\.account\.values' = '111122223333,444455556666'/);
  assert.match(ddl, /'projection\.date\.format' = 'yyyy\/MM\/dd'/);
  assert.match(ddl, /'projection\.date\.range' = '2024\/01\/01,NOW'/);
  assert.match(ddl, /ROW FORMAT SERDE 'org\.apache\.hive\.hcatalog\.data\.JsonSerDe'/);
  assert.match(ddl, /INPUTFORMAT 'com\.amazon\.emr\.cloudtrail\.CloudTrailInputFormat'/);
  // An account trail has no organization folder.
  assert.match(athenaTableDdl({ ...SPEC, orgId: undefined }), /LOCATION 's3:\/\/org-trail-logs\/AWSLogs\/'/);
});

test('every column the activity query reads is a column or partition of the table', () => {
  const ddl = athenaTableDdl(SPEC).toLowerCase();
  const sql = activitySql('athena', { table: 'cloudtrail.org_trail', start: '2025-01-01', end: '2025-02-01', accounts: ['111122223333'], regions: ['us-east-1'] });
  for (const column of ['useridentity', 'sessioncontext', 'sessionissuer', 'eventtime', 'eventsource', 'eventname', 'awsregion', 'recipientaccountid', 'resources', 'requestparameters', 'errorcode', 'accountid']) {
    assert.ok(sql.includes(column), `the query reads ${column}`);
    assert.ok(new RegExp(`\\b${column}\\b`).test(ddl), `the table has ${column}`);
  }
  for (const partition of ['account', 'region', '`date`']) assert.ok(ddl.includes(`${partition} string`), partition);
});

test('bad names are refused before any SQL is written', () => {
  assert.throws(() => athenaTableDdl({ ...SPEC, bucket: 'Bad_Bucket' }), /invalid --bucket/);
  assert.throws(() => athenaTableDdl({ ...SPEC, orgId: 'o-x' }), /invalid --org-id/);
  assert.throws(() => athenaTableDdl({ ...SPEC, accounts: [] }), /invalid --accounts/);
  assert.throws(() => athenaTableDdl({ ...SPEC, table: 'x; drop' }), /invalid --table/);
});

test('cordon activity setup --athena prints the DDL; without --bucket it is one usage line', async () => {
  const ok = await runCordon(['activity', 'setup', '--athena', '--bucket', 'org-trail-logs', '--org-id', 'o-a1b2c3d4e5', '--accounts', '111122223333']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^CREATE DATABASE IF NOT EXISTS cloudtrail;\n\nCREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail\.org_trail/);
  assert.match(ok.stderr, /athena:\/\/primary\/cloudtrail\.org_trail/);
  const bad = await runCordon(['activity', 'setup', '--athena']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--bucket is required/);
});
