// `cordon scan` and `cordon simulate --cloud azure` on the Contoso fixture exports (az CLI, ARM
// REST and Microsoft Graph shapes), mixed with an AWS input in one scan.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../src/model/finding.js';
import { runCordon } from '../../helpers/cli.js';

const DIR = fileURLToPath(new URL('../../fixtures/azure/contoso', import.meta.url));
const AWS = fileURLToPath(new URL('../../fixtures/exposure/seed-gaad.json', import.meta.url));
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../docs/finding.schema.json', import.meta.url)), 'utf8')) as object;
const SUB = '/subscriptions/9b2c6d1e-0a4f-4c1e-9a57-3f0b8f1e2a01';

test('scan: Azure exports beside an AWS GAAD give Azure findings in the shared schema', async () => {
  const r = await runCordon(['scan', '--snapshot', DIR, '--snapshot', AWS, '--no-store', '--now', '2026-12-07T00:00:00Z', '--output', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as Finding[];
  const azure = findings.filter((f) => f.resourceType.startsWith('Microsoft.'));
  assert.ok(azure.length > 20);
  assert.ok(findings.some((f) => f.resourceType.startsWith('AWS::')), 'the AWS input is analysed in the same scan');
  assert.ok(azure.some((f) => f.type === 'PrivilegeEscalation' && f.ruleId === 'azure-001' && f.principal === '00000000-0000-4000-a000-000000000001'));
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
  for (const f of azure) {
    assert.ok(validate(f), JSON.stringify(validate.errors));
    assert.equal(f.accountId, f.accountId.toLowerCase());
  }
});

test('simulate --cloud azure: deny assignment, PIM could-activate, conditional delegation, and errors exit 2', async () => {
  const sim = (args: string[]) => runCordon(['simulate', '--cloud', 'azure', '--snapshot', DIR, '--output', 'json', ...args]);
  const denied = await sim(['--principal', '00000000-0000-4000-a000-000000000017', '--action', 'Microsoft.Compute/virtualMachines/runCommand/action', '--scope', `${SUB}/resourceGroups/rg-ops/providers/Microsoft.Compute/virtualMachines/vm-locked`]);
  assert.equal(denied.code, 0, denied.stderr);
  const d = JSON.parse(denied.stdout) as { decision: string; denies: { name: string }[]; grants: { roleName: string; via: string }[] };
  assert.equal(d.decision, 'Denied');
  assert.equal(d.denies[0]!.name, 'Deny code execution on vm-locked');
  assert.equal(d.grants[0]!.via, '00000000-0000-4000-b000-000000000002', 'the grant came through the nested group');
  const pim = JSON.parse((await sim(['--principal', '00000000-0000-4000-a000-000000000018', '--action', 'Microsoft.Authorization/roleAssignments/write', '--scope', SUB])).stdout) as { decision: string; couldActivate: { roleName: string }[] };
  assert.equal(pim.decision, 'NotAllowed');
  assert.equal(pim.couldActivate[0]!.roleName, 'Owner');
  const attr = '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId]';
  const base = ['--principal', '00000000-0000-4000-a000-000000000002', '--action', 'Microsoft.Authorization/roleAssignments/write', '--scope', `${SUB}/resourceGroups/rg-data`];
  assert.equal((JSON.parse((await sim(base)).stdout) as { certainty: string }).certainty, 'conditional');
  assert.equal((JSON.parse((await sim([...base, '--context', `${attr}=8e3af657-a8ff-443c-a75c-2fe8c4bcb635`])).stdout) as { decision: string }).decision, 'NotAllowed');
  assert.equal((JSON.parse((await sim([...base, '--context', `${attr}=acdd72a7-3385-48ef-bd42-f606fba81ae7`])).stdout) as { decision: string }).decision, 'Allowed');
  for (const bad of [['--principal', 'nobody', '--action', 'Microsoft.Compute/virtualMachines/read', '--scope', SUB], ['--principal', '00000000-0000-4000-a000-000000000002', '--action', 's3:GetObject', '--scope', SUB], ['--principal', '00000000-0000-4000-a000-000000000002', '--action', 'Microsoft.Compute/virtualMachines/read']]) {
    const r = await sim(bad);
    assert.equal(r.code, 2, bad.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});
