/**
 * The demo's CloudTrail history, in the real record format: the administrator's setup calls
 * (from what seeding actually did), a week of the build runner's work (for least-privilege
 * generation), and an attacker's IAM backdoor (for detection). Pure: clock and ids are inputs.
 */
import type { CloudTrailEvent } from '../../model/cloudtrail.js';
import type { SeededScenario } from '../../aws/sandbox-seeder.js';
import type { DemoScenario } from './scenario.js';

export interface HistoryOptions {
  /** When the history ends (the demo's "now"). */
  end: Date;
  /** Deterministic id source: returns the n-th event id. */
  eventId?: (n: number) => string;
}

/** Outside account the attacker backdoors the release role to (the Stratus iam-backdoor-role pattern). */
export const BACKDOOR_ACCOUNT = '666677778888';

const HOUR = 3_600_000;

/** Builds the whole history, sorted by time. */
export function demoHistory(scenario: DemoScenario, seeded: SeededScenario, options: HistoryOptions): CloudTrailEvent[] {
  const id = options.eventId ?? ((n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`);
  const acct = scenario.accountId;
  const region = scenario.region;
  const events: CloudTrailEvent[] = [];
  const admin = { type: 'IAMUser', principalId: 'AIDADEMOOPSADMIN', arn: `arn:aws:iam::${acct}:user/ops-admin`, accountId: acct, userName: 'ops-admin', accessKeyId: 'ASIADEMOADMIN' };
  const runnerSession = (t: number) => ({
    type: 'AssumedRole', principalId: 'AROADEMOBUILDRUNNER:ci-build', arn: `arn:aws:sts::${acct}:assumed-role/build-runner/ci-build`, accountId: acct, accessKeyId: 'ASIADEMORUNNER',
    sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROADEMOBUILDRUNNER', arn: `arn:aws:iam::${acct}:role/build-runner`, accountId: acct, userName: 'build-runner' }, attributes: { creationDate: new Date(t - 60_000).toISOString(), mfaAuthenticated: 'false' } },
  });
  const push = (time: number, source: string, name: string, identity: Record<string, unknown>, request: Record<string, unknown> | null, extra: Partial<CloudTrailEvent> = {}) =>
    events.push({
      eventVersion: '1.08', userIdentity: identity, eventTime: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'), eventSource: source, eventName: name,
      awsRegion: source === 'iam.amazonaws.com' ? 'us-east-1' : region, sourceIPAddress: '203.0.113.10', userAgent: 'aws-cli/2.9.19', requestParameters: request,
      responseElements: null, eventID: id(events.length + 1), readOnly: false, eventType: 'AwsApiCall', managementEvent: source !== 's3.amazonaws.com' || !name.endsWith('Object'),
      recipientAccountId: acct, ...extra,
    });

  // 1. Setup, eight days ago, one call a second, as seeding made them.
  const setupStart = options.end.getTime() - 8 * 24 * HOUR;
  seeded.calls.forEach((call, i) => push(setupStart + i * 1000, call.eventSource, call.eventName, admin, call.request));

  // 2. A week of builds: the runner reads and writes artifacts, pulls images, writes one log line.
  for (let day = 7; day >= 1; day--) {
    const t = options.end.getTime() - day * 24 * HOUR;
    const who = runnerSession(t);
    push(t, 's3.amazonaws.com', 'GetObject', who, { bucketName: 'acme-artifacts', key: `builds/${day}/input.tgz` }, { readOnly: true, resources: [{ ARN: `arn:aws:s3:::acme-artifacts/builds/${day}/input.tgz`, type: 'AWS::S3::Object' }, { ARN: 'arn:aws:s3:::acme-artifacts', accountId: acct, type: 'AWS::S3::Bucket' }] });
    push(t + 60_000, 's3.amazonaws.com', 'PutObject', who, { bucketName: 'acme-artifacts', key: `builds/${day}/output.tgz` }, { resources: [{ ARN: `arn:aws:s3:::acme-artifacts/builds/${day}/output.tgz`, type: 'AWS::S3::Object' }, { ARN: 'arn:aws:s3:::acme-artifacts', accountId: acct, type: 'AWS::S3::Bucket' }] });
    push(t + 120_000, 'ecr.amazonaws.com', 'GetAuthorizationToken', who, {}, { readOnly: true });
    push(t + 130_000, 'ecr.amazonaws.com', 'BatchGetImage', who, { repositoryName: 'acme/app', imageIds: [{ imageTag: 'latest' }] }, { readOnly: true, resources: [{ ARN: `arn:aws:ecr:${region}:${acct}:repository/acme/app`, accountId: acct }] });
  }
  // The runner was denied once: generation must not grant what failed.
  const denied = options.end.getTime() - 2 * 24 * HOUR + 300_000;
  push(denied, 'iam.amazonaws.com', 'CreateUser', runnerSession(denied), { userName: 'tmp' }, { errorCode: 'AccessDenied', errorMessage: 'User is not authorized to perform: iam:CreateUser' });

  // 3. The attack, two hours ago: carol mints a key for the admin, then backdoors the release role.
  const attack = options.end.getTime() - 2 * HOUR;
  const carol = { type: 'IAMUser', principalId: 'AIDADEMOCAROL', arn: `arn:aws:iam::${acct}:user/carol`, accountId: acct, userName: 'carol', accessKeyId: 'AKIADEMOCAROL' };
  push(attack, 'iam.amazonaws.com', 'CreateAccessKey', carol, { userName: 'ops-admin' }, { responseElements: { accessKey: { accessKeyId: 'AKIADEMOSTOLEN', status: 'Active', userName: 'ops-admin' } } });
  const backdoor = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:role/build-runner` }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${BACKDOOR_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };
  push(attack + 90_000, 'iam.amazonaws.com', 'UpdateAssumeRolePolicy', { ...admin, accessKeyId: 'AKIADEMOSTOLEN' }, { roleName: 'release-manager', policyDocument: JSON.stringify(backdoor) });
  push(attack + 120_000, 'iam.amazonaws.com', 'AttachUserPolicy', { ...admin, accessKeyId: 'AKIADEMOSTOLEN' }, { userName: 'carol', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });

  return events.sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0));
}
