// The rendered AWS CLI commands and the SDK path produce the same IAM state (issue 10): a user who
// can escalate with iam:CreatePolicyVersion is remediated once by running Cordon's commands with
// Debian's AWS CLI (/usr/bin/aws) against the sandbox, undone with the rendered rollback commands,
// and once through `--apply`; the two collected snapshots agree on everything the plan touches.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AttachUserPolicyCommand, CreatePolicyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { Finding } from '../../../src/model/finding.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { runCordon } from '../../helpers/cli.js';
import { useMoto } from '../../helpers/moto.js';

const moto = useMoto();
const AWS_CLI = '/usr/bin/aws';
const dir = mkdtempSync(join(tmpdir(), 'cordon-remediate-cli-'));
const db = join(dir, 'cordon.db');
const flags = () => ['--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--db', db];

async function collect(name: string): Promise<Snapshot> {
  const file = join(dir, `${name}.json`);
  const r = await runCordon(['collect', '--endpoint-url', moto.endpoint, '--region', 'us-east-1', '--out', file]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
}

/** What a remediation of `dev` can change: its attachments and the documents of the policies it holds. */
function touched(s: Snapshot) {
  const account = s.accounts[0]!;
  const dev = account.users.find((u) => u.name === 'dev')!;
  return {
    attached: [...dev.attachedPolicyArns].sort(),
    inline: dev.inlinePolicies.map((p) => [p.name, p.document]),
    policies: account.policies.filter((p) => !p.isAwsManaged).map((p) => [p.arn, p.versions.find((v) => v.isDefault)?.document]).sort(),
  };
}

const runShell = (line: string) => execFileSync('bash', ['-c', line], { env: { ...process.env, AWS_PAGER: '', AWS_DEFAULT_REGION: 'us-east-1' }, stdio: ['ignore', 'pipe', 'pipe'] });

test('CLI commands run by /usr/bin/aws and the SDK apply give the same IAM state', { skip: existsSync(AWS_CLI) ? false : 'Debian awscli not installed (scripts/prepare-machine.sh installs it)' }, async () => {
  const iam = new IAMClient(moto.config);
  try {
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const app = await iam.send(new CreatePolicyCommand({ PolicyName: 'app-policy', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'dev', PolicyArn: app.Policy!.Arn! }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'self-service', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 's3:GetObject'], Resource: '*' }] }) }));
    const before = await collect('before');
    const scan = await runCordon(['scan', '--snapshot', join(dir, 'before.json'), '--analyzers', 'escalation', '--db', db, '--output', 'json']);
    const finding = (JSON.parse(scan.stdout) as Finding[]).find((f) => f.type === 'PrivilegeEscalation' && f.resource.endsWith(':user/dev'))!;
    assert.ok(finding, scan.stdout);

    const view = JSON.parse((await runCordon(['remediate', finding.id, ...flags(), '--output', 'json'])).stdout) as { cli: string[]; rollbackCli: string[] };
    assert.equal(view.cli.length, 2);
    for (const line of view.cli) runShell(line.replace(/^aws /, `${AWS_CLI} `));
    const viaCli = await collect('via-cli');
    assert.notDeepEqual(touched(viaCli), touched(before), 'the commands changed something');
    for (const line of view.rollbackCli) runShell(line.replace(/^aws /, `${AWS_CLI} `));
    assert.deepEqual(touched(await collect('rolled-back-cli')), touched(before), 'the rendered rollback commands restore the state');

    const applied = await runCordon(['remediate', finding.id, '--apply', ...flags()]);
    assert.equal(applied.code, 0, applied.stderr);
    const viaSdk = await collect('via-sdk');
    assert.deepEqual(touched(viaSdk), touched(viaCli));
    // And the escalation is gone from a scan of the remediated account.
    const rescan = await runCordon(['scan', '--snapshot', join(dir, 'via-sdk.json'), '--analyzers', 'escalation', '--no-store', '--output', 'json']);
    assert.ok(!(JSON.parse(rescan.stdout) as Finding[]).some((f) => f.id === finding.id));
  } finally {
    iam.destroy();
  }
});
