// `cordon scan` and `cordon simulate --cloud gcp` on the shipped demo exports (gcloud JSON formats:
// organizations list, asset search-all-resources / search-all-iam-policies, iam roles list,
// service-accounts [keys] list, iam policies list --kind=denypolicies).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../src/model/finding.js';
import { runCordon } from '../../helpers/cli.js';

const EXPORTS = fileURLToPath(new URL('../../../src/sandbox/demo/gcp-exports', import.meta.url));
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../docs/finding.schema.json', import.meta.url)), 'utf8')) as object;
const SA_DEPLOYER = '//iam.googleapis.com/projects/prod-app/serviceAccounts/prod-deployer@prod-app.iam.gserviceaccount.com';

test('scan: GCP exports alone give escalation (direct and transitive), public, external and risky findings', async () => {
  const r = await runCordon(['scan', '--snapshot', EXPORTS, '--no-store', '--now', '2026-12-07T00:00:00Z', '--output', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Finding[];
  const esc = (principal: string, rule: string) => findings.find((f) => f.type === 'PrivilegeEscalation' && f.principal === principal && f.ruleId === rule);
  assert.ok(esc('user:alice@example.com', 'GetServiceAccountAccessToken'));
  assert.ok(esc('user:dave@example.com', 'UpdateIAMRole'));
  assert.ok(esc('user:bob@example.com', 'RCECloudBuildBuildServer'));
  const chain = findings.find((f) => f.principal === 'user:carol@example.com' && f.resource === SA_DEPLOYER);
  assert.deepEqual(chain?.path?.map((s) => s.method), ['CreateServiceAccountKey', 'CreateGCEInstanceWithSA'], 'carol → ci-runner key → VM as prod-deployer (Owner)');
  assert.equal(chain?.severity, 'CRITICAL');
  assert.equal(findings.some((f) => f.principal === 'user:frank@example.com'), false, 'frank is denied serviceAccountKeys.create by the org deny policy');
  assert.equal(findings.some((f) => f.principal === 'user:erin@example.com'), false, 'erin\'s grant expired');
  assert.ok(findings.find((f) => f.type === 'PublicAccess' && f.principal === 'allUsers' && f.resource === '//storage.googleapis.com/projects/_/buckets/prod-app-public-assets' && f.isPublic));
  assert.ok(findings.find((f) => f.type === 'ExternalAccess' && f.principal === 'user:contractor@partner-corp.com'));
  assert.deepEqual(findings.filter((f) => f.type === 'RiskyPermission').map((f) => f.ruleId).sort(), ['GcpBasicRoleAtOrgOrFolder', 'GcpBasicRoleAtOrgOrFolder', 'GcpServiceAccountOwner', 'GcpUserManagedKey']);
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
  for (const f of findings) {
    assert.ok(validate(f), JSON.stringify(validate.errors));
    assert.match(f.id, /^[A-Za-z0-9]+$/);
    assert.match(f.resourceType, /^[a-z0-9.-]+\.googleapis\.com\/[A-Za-z]+$/);
  }
});

test('simulate --cloud gcp: GRANTED with the binding, CONDITIONAL on an unknown request.time, DENIED by a deny rule', async () => {
  const base = ['simulate', '--cloud', 'gcp', '--snapshot', EXPORTS];
  const granted = await runCordon([...base, '--principal', 'user:alice@example.com', '--permission', 'iam.serviceAccounts.getAccessToken', '--resource', SA_DEPLOYER]);
  assert.equal(granted.code, 0, granted.stderr);
  assert.match(granted.stdout, /^GRANTED/);
  assert.match(granted.stdout, /organizations\/123456789012\/roles\/tokenBroker to user:alice@example.com/);
  const object = '//storage.googleapis.com/projects/_/buckets/prod-app-invoices/objects/a.pdf';
  const cond = await runCordon([...base, '--principal', 'user:erin@example.com', '--permission', 'storage.objects.get', '--resource', object, '--output', 'json']);
  const d = JSON.parse(cond.stdout) as { access: string; allows: { unknowns: string[] }[] };
  assert.equal(d.access, 'CONDITIONAL');
  assert.deepEqual(d.allows[0]!.unknowns, ['request.time']);
  const later = await runCordon([...base, '--principal', 'user:erin@example.com', '--permission', 'storage.objects.get', '--resource', object, '--time', '2026-02-01T00:00:00Z']);
  assert.match(later.stdout, /^NOT_GRANTED/);
  const denied = await runCordon([...base, '--principal', 'user:mallory@example.com', '--permission', 'resourcemanager.projects.delete', '--resource', '//cloudresourcemanager.googleapis.com/projects/prod-app']);
  assert.match(denied.stdout, /^DENIED/);
  assert.match(denied.stdout, /denypolicies\/protect-prod rule 0/);
  const bad = await runCordon([...base, '--principal', 'alice', '--permission', 'storage.objects.get', '--resource', object]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});
