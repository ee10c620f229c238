// The deployment kit (issue 24): the CloudFormation templates in deploy/cloudformation/ carry exactly
// the policies `cordon permissions` prints, create on moto, and their outputs feed `collect --accounts
// all` (the collector role in a member account) and `watch` (the EventBridge rule → SQS queue).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateUserCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import YAML from 'yaml';
import { assumeRoleCredentials } from '../../src/aws/organization-reader.js';
import { rolePolicy } from '../../src/aws/permissions/policy.js';
import { matchAction } from '../../src/engine/wildcard.js';
import type { Alert } from '../../src/model/alert.js';
import type { Snapshot } from '../../src/model/snapshot/types.js';
import { openStore } from '../../src/store/index.js';
import { runCordon } from '../helpers/cli.js';
import { useMoto } from '../helpers/moto.js';

const moto = useMoto();
const TEMPLATES = new URL('../../deploy/cloudformation/', import.meta.url);
const templateText = (name: string) => readFileSync(new URL(name, TEMPLATES), 'utf8');

interface Statement {
  Effect: string;
  Action: string | string[];
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();

test('the templates carry exactly the policies `cordon permissions` prints, and the boundary covers the responder', () => {
  const collector = YAML.parse(templateText('collector-role.yaml'));
  assert.deepEqual(collector.Resources.CordonCollectorPolicy.Properties.PolicyDocument.Statement, rolePolicy('collector').Statement);
  const responder = YAML.parse(templateText('responder-role.yaml'));
  assert.deepEqual(responder.Resources.CordonResponderPolicy.Properties.PolicyDocument.Statement, rolePolicy('responder').Statement);
  const boundary = responder.Resources.ResponderBoundary.Properties.PolicyDocument.Statement as Statement[];
  const allowed = actionsOf(boundary.filter((s) => s.Effect === 'Allow'));
  const uncovered = actionsOf(rolePolicy('responder').Statement).filter((a) => !allowed.some((pattern) => matchAction(pattern, a)));
  assert.deepEqual(uncovered, [], 'responder actions outside its permission boundary');
  const watch = YAML.parse(templateText('watch-pipeline.yaml'));
  assert.deepEqual(watch.Resources.WatcherPolicy.Properties.PolicyDocument.Statement, rolePolicy('watcher').Statement);
});

async function createStack(client: CloudFormationClient, name: string, template: string, parameters: Record<string, string>) {
  await client.send(new CreateStackCommand({
    StackName: name,
    TemplateBody: templateText(template),
    Capabilities: ['CAPABILITY_NAMED_IAM'],
    Parameters: Object.entries(parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
  }));
  const stack = (await client.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
  assert.equal(stack.StackStatus, 'CREATE_COMPLETE', `${name}: ${stack.StackStatusReason ?? ''}`);
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

test('the collector role created in a member account feeds `collect --accounts all`', async () => {
  const org = new OrganizationsClient(moto.config);
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const memberId = (await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }))).CreateAccountStatus!.AccountId!;
  const memberConfig = { ...moto.config, credentials: await assumeRoleCredentials({ endpointUrl: moto.endpoint, region: 'us-east-1' }, `arn:aws:iam::${memberId}:role/OrganizationAccountAccessRole`) };
  const memberCfn = new CloudFormationClient(memberConfig);
  const memberIam = new IAMClient(memberConfig);
  try {
    // As the StackSet would deploy it in each member account (and once in the management account).
    const member = await createStack(memberCfn, 'cordon-collector', 'collector-role.yaml', { CollectorPrincipalAccountId: '123456789012' });
    const management = await createStack(new CloudFormationClient(moto.config), 'cordon-collector', 'collector-role.yaml', { CollectorPrincipalAccountId: '123456789012' });
    assert.equal(member.RoleName, 'CordonCollector');
    assert.equal(management.RoleName, member.RoleName);
    const role = (await memberIam.send(new GetRoleCommand({ RoleName: member.RoleName }))).Role!;
    assert.match(decodeURIComponent(role.AssumeRolePolicyDocument!), /arn:aws:iam::123456789012:root/);
    await memberIam.send(new CreateUserCommand({ UserName: 'member-user' }));

    const out = join(mkdtempSync(join(tmpdir(), 'cordon-deploy-')), 'org.json');
    const r = await runCordon(['collect', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--accounts', 'all', '--role-name', member.RoleName!, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const snapshot = JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
    assert.deepEqual(snapshot.accounts.map((a) => a.accountId).sort(), ['123456789012', memberId].sort(), JSON.stringify(snapshot.warnings));
    assert.ok(snapshot.accounts.find((a) => a.accountId === memberId)!.users.some((u) => u.name === 'member-user'));
  } finally {
    for (const c of [org, memberCfn, memberIam]) c.destroy();
  }
});

test('the responder template creates a bounded role', async () => {
  const cfn = new CloudFormationClient(moto.config);
  const iam = new IAMClient(moto.config);
  try {
    const outputs = await createStack(cfn, 'cordon-responder', 'responder-role.yaml', { ResponderPrincipalArn: 'arn:aws:iam::123456789012:root' });
    const role = (await iam.send(new GetRoleCommand({ RoleName: outputs.RoleName }))).Role!;
    assert.equal(role.PermissionsBoundary?.PermissionsBoundaryArn, outputs.BoundaryArn);
  } finally {
    cfn.destroy();
    iam.destroy();
  }
});

test('the watch pipeline delivers IAM events from EventBridge to the queue `cordon watch` reads', async () => {
  const cfn = new CloudFormationClient(moto.config);
  const events = new EventBridgeClient(moto.config);
  try {
    const outputs = await createStack(cfn, 'cordon-watch', 'watch-pipeline.yaml', {});
    assert.match(outputs.QueueUrl!, /cordon-events$/);
    assert.match(outputs.DeadLetterQueueUrl!, /cordon-events-dlq$/);
    const detail = {
      eventVersion: '1.08', eventTime: '2026-12-01T10:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', awsRegion: 'us-east-1',
      eventID: 'deploy-test-1', eventType: 'AwsApiCall', recipientAccountId: '123456789012', sourceIPAddress: '198.51.100.7',
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/mallory', accountId: '123456789012', userName: 'mallory' },
      requestParameters: { userName: 'admin' }, responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLE', status: 'Active', userName: 'admin' } },
    };
    const put = await events.send(new PutEventsCommand({ Entries: [{ Source: 'aws.iam', DetailType: 'AWS API Call via CloudTrail', Detail: JSON.stringify(detail) }] }));
    assert.equal(put.FailedEntryCount, 0);
    const db = join(mkdtempSync(join(tmpdir(), 'cordon-deploy-watch-')), 'cordon.db');
    const r = await runCordon(['watch', '--sqs-queue-url', outputs.QueueUrl!, '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--db', db, '--once', '--drain-timeout', '20']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const store = await openStore(db);
    try {
      const alerts = (await store.alerts.list()).items;
      assert.ok(alerts.some((a: Alert) => a.eventId === 'deploy-test-1' && a.eventName === 'CreateAccessKey'), JSON.stringify(alerts.map((a) => [a.ruleId, a.eventId])));
    } finally {
      await store.close();
    }
  } finally {
    cfn.destroy();
    events.destroy();
  }
});

