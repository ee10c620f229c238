// The SDK gateway of GCP remediation against a loopback stub of the documented REST endpoints:
// @google-cloud/iam's PoliciesClient over its REST transport (createPolicy / getPolicy /
// deletePolicy with long-running operations), Resource Manager v3 and IAM v1 through
// google-auth-library. Checks the requests sent and that rollback leaves the stub as it was.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { OAuth2Client } from 'google-auth-library';
import { createGcpGateway } from '../../src/gcp/remediation-gateway.js';
import { applyGcpPlan, rollbackGcpPlan } from '../../src/actions/gcp/execute.js';
import type { GcpRemediationPlan } from '../../src/actions/gcp/plan.js';
import { openStore } from '../../src/store/index.js';
import { GoogleStub } from '../../src/sandbox/demo/gcp-stub.js';

const stub = new GoogleStub();
before(() => stub.start());
after(() => stub.stop());

function auth(): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: 'stub-token', expiry_date: Date.now() + 3_600_000 });
  return client;
}

const ATTACH = '//cloudresourcemanager.googleapis.com/projects/prod-app';
const plan: GcpRemediationPlan = {
  planId: 'gcp-deny-abc123',
  findingId: 'abc123',
  strategy: 'deny',
  summary: 'deny',
  deniedPermissions: ['iam.serviceAccounts.getAccessToken'],
  notes: [],
  steps: [{ kind: 'CreateDenyPolicy', attachmentPoint: ATTACH, policyId: 'cordon-abc123', policy: { displayName: 'Cordon remediation of finding abc123', rules: [{ description: 'x', denyRule: { deniedPrincipals: ['principal://goog/subject/alice@example.com'], deniedPermissions: ['iam.googleapis.com/serviceAccounts.getAccessToken'] } }] } }],
};

test('deny policy: created through PoliciesClient (REST), found again on resume, deleted on rollback', async () => {
  const gw = createGcpGateway({ endpoint: stub.url, authClient: auth() });
  const store = await openStore(':memory:');
  try {
    await applyGcpPlan(plan, gw, store, { actor: 'test' });
    // The name as Google's client samples write it: the attachment point URL-encoded once.
    const name = 'policies/cloudresourcemanager.googleapis.com%2Fprojects%2Fprod-app/denypolicies/cordon-abc123';
    assert.deepEqual([...stub.denies.keys()], [name]);
    const create = stub.requests.find((r) => r.method === 'POST')!;
    assert.equal(create.path, '/v2/policies/cloudresourcemanager.googleapis.com%2Fprojects%2Fprod-app/denypolicies');
    assert.match(create.query, /policyId=cordon-abc123/);
    assert.deepEqual((create.body as { rules: unknown[] }).rules, plan.steps[0]!.kind === 'CreateDenyPolicy' ? plan.steps[0]!.policy.rules : []);
    assert.equal(create.authorization, 'Bearer stub-token');
    await rollbackGcpPlan('abc123', gw, store, { actor: 'test' });
    assert.equal(stub.denies.size, 0);
    assert.ok(stub.requests.some((r) => r.method === 'DELETE' && r.path === `/v2/${name}`));
  } finally {
    gw.close();
    await store.close();
  }
});

test('allow policy and key state through REST: remove binding and disable key, rollback restores both', async () => {
  stub.allow.set('projects/prod-app', { version: 3, etag: 'BwX', bindings: [{ role: 'roles/editor', members: ['user:contractor@partner-corp.com', 'user:x@example.com'] }] });
  const key = 'projects/ci-tools/serviceAccounts/ci-runner@ci-tools.iam.gserviceaccount.com/keys/k1';
  const gw = createGcpGateway({ endpoint: stub.url, authClient: auth() });
  const store = await openStore(':memory:');
  const p2: GcpRemediationPlan = { ...plan, findingId: 'def456', steps: [{ kind: 'RemoveBinding', resource: ATTACH, role: 'roles/editor', member: 'user:contractor@partner-corp.com' }, { kind: 'DisableServiceAccountKey', name: key }] };
  try {
    await applyGcpPlan(p2, gw, store, { actor: 'test' });
    assert.deepEqual((stub.allow.get('projects/prod-app') as { bindings: { members: string[] }[] }).bindings[0]!.members, ['user:x@example.com']);
    assert.equal(stub.disabled.get(key), true);
    const get = stub.requests.find((r) => r.path === '/v3/projects/prod-app:getIamPolicy')!;
    assert.deepEqual(get.body, { options: { requestedPolicyVersion: 3 } });
    await rollbackGcpPlan('def456', gw, store, { actor: 'test' });
    assert.deepEqual(new Set((stub.allow.get('projects/prod-app') as { bindings: { members: string[] }[] }).bindings[0]!.members), new Set(['user:contractor@partner-corp.com', 'user:x@example.com']));
    assert.equal(stub.disabled.get(key), false);
  } finally {
    gw.close();
    await store.close();
  }
});
