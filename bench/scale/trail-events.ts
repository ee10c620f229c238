/**
 * Synthetic CloudTrail for the detect part of the scale benchmark: `files` gzipped delivery
 * objects (`{"Records": [...]}`) in the org-trail layout, `events` records in all, seeded. About
 * 11% of records are IAM, CloudTrail, EC2-sharing or console-login calls that the built-in rule
 * pack alerts on (several rules may fire on one record); the rest are data-plane reads and writes.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seeded, type Rand } from './random.js';

const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const BENIGN: [string, string][] = [['s3.amazonaws.com', 'GetObject'], ['s3.amazonaws.com', 'PutObject'], ['ec2.amazonaws.com', 'DescribeInstances'], ['sts.amazonaws.com', 'GetCallerIdentity'], ['kms.amazonaws.com', 'Decrypt'], ['dynamodb.amazonaws.com', 'GetItem'], ['lambda.amazonaws.com', 'Invoke'], ['logs.amazonaws.com', 'PutLogEvents'], ['sts.amazonaws.com', 'AssumeRole'], ['sqs.amazonaws.com', 'SendMessage']];
const ALERTING: [string, string][] = [['iam.amazonaws.com', 'GetRole'], ['iam.amazonaws.com', 'ListUsers'], ['iam.amazonaws.com', 'CreateAccessKey'], ['iam.amazonaws.com', 'AttachRolePolicy'], ['iam.amazonaws.com', 'PutUserPolicy'], ['iam.amazonaws.com', 'UpdateAssumeRolePolicy'], ['cloudtrail.amazonaws.com', 'StopLogging'], ['signin.amazonaws.com', 'ConsoleLogin'], ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress'], ['s3.amazonaws.com', 'PutBucketPolicy']];

/**
 * Share of records drawn from the alerting list, tuned so 1 M events give ~90,000 alerts: one
 * alert per event since issue 22 (0.031 gave 88,527 per-rule alerts before, 33,133 per-event after).
 */
export const ALERTING_SHARE = 0.108;

function record(r: Rand, n: number, time: string): Record<string, unknown> {
  const account = r.pick(ACCOUNTS);
  const [eventSource, eventName] = r.chance(ALERTING_SHARE) ? r.pick(ALERTING) : r.pick(BENIGN);
  const user = `user-${r.int(0, 199)}`;
  const rec: Record<string, unknown> = {
    eventVersion: '1.08', eventID: `ev-${n.toString(36)}-${r.int(0, 1e9).toString(36)}`, eventTime: time, eventSource, eventName, eventType: eventName === 'ConsoleLogin' ? 'AwsConsoleSignIn' : 'AwsApiCall',
    awsRegion: r.pick(['us-east-1', 'eu-west-1']), sourceIPAddress: `203.0.113.${r.int(1, 254)}`, userAgent: 'aws-cli/2.15.0 Python/3.11',
    userIdentity: { type: 'IAMUser', principalId: `AIDA${user.toUpperCase()}`, arn: `arn:aws:iam::${account}:user/${user}`, accountId: account, userName: user },
    recipientAccountId: account, readOnly: eventName.startsWith('Get') || eventName.startsWith('Describe') || eventName.startsWith('List'),
    requestParameters: eventName === 'AttachRolePolicy' ? { roleName: `app-${r.int(0, 99)}`, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }
      : eventName === 'CreateAccessKey' ? { userName: `user-${r.int(0, 199)}` }
        : { bucketName: `bucket-${r.int(0, 50)}`, key: `data/${r.int(0, 1e6)}.json` },
    responseElements: null, requestID: `${r.int(0, 1e9)}`, managementEvent: true,
  };
  if (eventName === 'ConsoleLogin') rec.additionalEventData = { MFAUsed: r.chance(0.5) ? 'No' : 'Yes' };
  if (r.chance(0.01)) rec.errorCode = 'AccessDenied';
  return rec;
}

/** Writes the trail under `root` unless a previous run left it complete; returns its directory. */
export function writeTrail(root: string, events: number, files: number, seed = 26): string {
  const dir = join(root, 'AWSLogs', 'o-scale000001');
  const done = join(root, `complete-${events}-${files}-${seed}-${ALERTING_SHARE}`);
  if (existsSync(done)) return dir;
  const r = seeded(seed);
  const per = Math.ceil(events / files);
  let n = 0;
  for (let f = 0; f < files && n < events; f++) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(f / 500) * 86_400_000);
    const [y, m, d] = day.toISOString().slice(0, 10).split('-');
    const account = ACCOUNTS[f % ACCOUNTS.length]!;
    const folder = join(dir, account, 'CloudTrail', 'us-east-1', y!, m!, d!);
    mkdirSync(folder, { recursive: true });
    const Records = [];
    for (let i = 0; i < per && n < events; i++, n++) Records.push(record(r, n, new Date(day.getTime() + (f % 500) * 170_000 + i * 1000).toISOString()));
    writeFileSync(join(folder, `${account}_CloudTrail_us-east-1_${y}${m}${d}T${String(f).padStart(5, '0')}Z_bench.json.gz`), gzipSync(JSON.stringify({ Records }), { level: 1 }));
  }
  writeFileSync(done, '');
  return dir;
}
