// The demo scenario is built in the sandbox through the SDK, and reads back as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GetRoleCommand, IAMClient, ListAttachedGroupPoliciesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { seedScenario } from '../../src/aws/sandbox-seeder.js';
import { defaultScenario } from '../../src/sandbox/demo/scenario.js';
import { useMoto } from '../helpers/moto.js';

const moto = useMoto();

test('seeding creates every user, role, group attachment, bucket policy and key of the scenario', async () => {
  const scenario = defaultScenario();
  const seeded = await seedScenario(scenario, { endpointUrl: moto.endpoint });
  const iam = new IAMClient(moto.config);
  const s3 = new S3Client(moto.config);
  try {
    const users = (await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName).sort();
    assert.deepEqual(users, scenario.users.map((u) => u.name).sort());
    const trust = (await iam.send(new GetRoleCommand({ RoleName: 'Audit_CrossAccountRole' }))).Role!.AssumeRolePolicyDocument!;
    assert.match(decodeURIComponent(trust), /999988887777:user\/Alice/);
    const attached = (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'admins' }))).AttachedPolicies!;
    assert.deepEqual(attached.map((p) => p.PolicyArn), ['arn:aws:iam::aws:policy/AdministratorAccess']);
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'acme-public-assets' }))).Policy!) as { Statement: { Principal: unknown }[] };
    assert.equal(policy.Statement[0]!.Principal, '*');
    assert.equal(seeded.accessKeys.length, scenario.users.reduce((n, u) => n + u.accessKeys, 0));
    assert.equal(seeded.keyIds.length, 1);
  } finally {
    iam.destroy();
    s3.destroy();
  }
});
