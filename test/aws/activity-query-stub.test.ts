// The Athena and CloudTrail Lake query adapters through the real SDK clients against a local stub
// of the services' JSON protocol (moto has no CloudTrail Lake and its Athena neither pages nor
// fails): states are polled and reported with bytes scanned, results are paged, and FAILED,
// CANCELLED, throttling beyond the retries, or an error while paging is one clear error line —
// never a partial result. Truth: the Athena and CloudTrail API references (StartQueryExecution,
// GetQueryExecution, GetQueryResults; StartQuery, DescribeQuery, GetQueryResults).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { runAthenaQuery, type QueryProgress } from '../../src/aws/athena-query.js';
import { runLakeQuery } from '../../src/aws/cloudtrail-lake-query.js';
import { AwsCallError } from '../../src/model/errors.js';

type Handler = (op: string, body: Record<string, unknown>) => { status?: number; body: unknown };
let handler: Handler = () => ({ body: {} });
const calls: string[] = [];
let server: Server;
let endpoint = '';

before(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      calls.push(op);
      const out = handler(op, data ? (JSON.parse(data) as Record<string, unknown>) : {});
      res.writeHead(out.status ?? 200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const creds = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const athena = () => new AthenaClient({ endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 2 });
const lake = () => new CloudTrailClient({ endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 2 });
const row = (...v: string[]) => ({ Data: v.map((x) => ({ VarCharValue: x })) });

test('athena: QUEUED → RUNNING → SUCCEEDED reported with bytes scanned, header skipped, two pages joined', async () => {
  calls.length = 0;
  const states = ['QUEUED', 'RUNNING', 'SUCCEEDED'];
  handler = (op, body) => {
    if (op === 'StartQueryExecution') return { body: { QueryExecutionId: 'q-1' } };
    if (op === 'GetQueryExecution') return { body: { QueryExecution: { Status: { State: states.shift() }, Statistics: { DataScannedInBytes: 1234 } } } };
    const columns = { ColumnInfo: [{ Name: 'principal', Type: 'varchar' }, { Name: 'calls', Type: 'bigint' }] };
    if (!body.NextToken) return { body: { ResultSet: { Rows: [row('principal', 'calls'), row('a', '1')], ResultSetMetadata: columns }, NextToken: 'page-2' } };
    return { body: { ResultSet: { Rows: [row('b', '2')], ResultSetMetadata: columns } } };
  };
  const progress: QueryProgress[] = [];
  const r = await runAthenaQuery({}, { workgroup: 'primary', database: 'cloudtrail', sql: 'SELECT 1', client: athena(), pollMs: 0, onProgress: (p) => progress.push(p) });
  assert.deepEqual(r.rows, [{ principal: 'a', calls: '1' }, { principal: 'b', calls: '2' }]);
  assert.equal(r.bytesScanned, 1234);
  assert.deepEqual(progress.slice(0, 3).map((p) => p.state), ['QUEUED', 'RUNNING', 'SUCCEEDED']);
  assert.deepEqual(progress.at(-1), { queryId: 'q-1', state: 'SUCCEEDED', bytesScanned: 1234, rows: 2 });
  assert.deepEqual(calls.filter((c) => c === 'GetQueryResults').length, 2);
});

for (const state of ['FAILED', 'CANCELLED']) {
  test(`athena: ${state} is one error line naming the query`, async () => {
    handler = (op) => (op === 'StartQueryExecution' ? { body: { QueryExecutionId: 'q-2' } } : { body: { QueryExecution: { Status: { State: state, StateChangeReason: 'HIVE_BAD_DATA: bad row' } } } });
    await assert.rejects(runAthenaQuery({}, { workgroup: 'primary', database: 'd', sql: 'x', client: athena(), pollMs: 0 }), (err: Error) => {
      assert.ok(err instanceof AwsCallError);
      assert.match(err.message, new RegExp(`^athena:GetQueryExecution: query q-2: ${state}`));
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  });
}

test('athena: an error on the second page fails the query instead of returning the first page', async () => {
  handler = (op, body) => {
    if (op === 'StartQueryExecution') return { body: { QueryExecutionId: 'q-3' } };
    if (op === 'GetQueryExecution') return { body: { QueryExecution: { Status: { State: 'SUCCEEDED' } } } };
    if (!body.NextToken) return { body: { ResultSet: { Rows: [row('principal'), row('a')], ResultSetMetadata: { ColumnInfo: [{ Name: 'principal' }] } }, NextToken: 'p2' } };
    return { status: 400, body: { __type: 'InvalidRequestException', message: 'token expired' } };
  };
  await assert.rejects(runAthenaQuery({}, { workgroup: 'primary', database: 'd', sql: 'x', client: athena(), pollMs: 0 }), /GetQueryResults: query q-3: token expired after 1 rows; no partial result is reported/);
});

test('athena and lake: throttling beyond the SDK retries is one clear line', async () => {
  calls.length = 0;
  handler = () => ({ status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } });
  await assert.rejects(runAthenaQuery({}, { workgroup: 'primary', database: 'd', sql: 'x', client: athena(), pollMs: 0 }), /athena:StartQueryExecution: query \(not started\): Rate exceeded; no partial result is reported$/);
  assert.equal(calls.length, 2, 'the SDK retried once (maxAttempts 2) before giving up');
  await assert.rejects(runLakeQuery({}, { eventDataStore: 'eds-1', sql: 'x', client: lake(), pollMs: 0 }), /cloudtrail:StartQuery: query \(not started\): Rate exceeded; no partial result is reported/);
});

test('lake: QUEUED → RUNNING → FINISHED with bytes scanned; rows of one-key cells; two pages', async () => {
  const states = ['QUEUED', 'RUNNING', 'FINISHED'];
  handler = (op, body) => {
    if (op === 'StartQuery') return { body: { QueryId: 'lq-1' } };
    if (op === 'DescribeQuery') return { body: { QueryId: 'lq-1', QueryStatus: states.shift(), QueryStatistics: { BytesScanned: 99 } } };
    if (!body.NextToken) return { body: { QueryStatus: 'FINISHED', QueryResultRows: [[{ principal: 'a' }, { calls: '3' }]], NextToken: 'n2' } };
    return { body: { QueryStatus: 'FINISHED', QueryResultRows: [[{ principal: 'b' }, { calls: '4' }]] } };
  };
  const progress: QueryProgress[] = [];
  const r = await runLakeQuery({}, { eventDataStore: 'eds-1', sql: 'x', client: lake(), pollMs: 0, onProgress: (p) => progress.push(p) });
  assert.deepEqual(r.rows, [{ principal: 'a', calls: '3' }, { principal: 'b', calls: '4' }]);
  assert.equal(r.bytesScanned, 99);
  assert.deepEqual(progress.slice(0, 3).map((p) => p.state), ['QUEUED', 'RUNNING', 'FINISHED']);
});

for (const state of ['FAILED', 'CANCELLED', 'TIMED_OUT']) {
  test(`lake: ${state} is one error line`, async () => {
    handler = (op) => (op === 'StartQuery' ? { body: { QueryId: 'lq-2' } } : { body: { QueryId: 'lq-2', QueryStatus: state, ErrorMessage: 'column not found' } });
    await assert.rejects(runLakeQuery({}, { eventDataStore: 'eds-1', sql: 'x', client: lake(), pollMs: 0 }), new RegExp(`cloudtrail:DescribeQuery: query lq-2: ${state}: column not found; no partial result is reported`));
  });
}
