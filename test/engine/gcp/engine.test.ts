// GCP engine cases from Google's documentation: IAM Conditions (conditions-overview,
// conditions-attribute-reference), deny policies (deny-overview, deny-access), Principal Access
// Boundary (principal-access-boundary-policies), members (principal-identifiers).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCel } from '../../../src/engine/gcp/cel/parser.js';
import { evaluateCel, type CelAttributes } from '../../../src/engine/gcp/cel/evaluate.js';
import { compileGcp, evaluateGcp } from '../../../src/engine/gcp/index.js';
import { ATTACKER, CRM, ORG, TARGET_SA, baseExports, policy, role, saResource, snapshotOf } from '../../analyzers/gcp/build.js';

const cel = (expr: string, attrs: CelAttributes): boolean | 'unknown' => evaluateCel(parseCel(expr), attrs).value;

test('CEL: resource.name prefix from conditions-overview (bucket objects)', () => {
  const expr = 'resource.name.startsWith("projects/_/buckets/exampleco-site-assets/")';
  assert.equal(cel(expr, { resource: { name: 'projects/_/buckets/exampleco-site-assets/objects/logo.png' } }), true);
  assert.equal(cel(expr, { resource: { name: 'projects/_/buckets/exampleco-private/objects/a' } }), false);
  assert.equal(cel(expr, {}), 'unknown');
});

test('CEL: resource.type / resource.service and || absorption with unknowns', () => {
  const expr = 'resource.type != "storage.googleapis.com/Object" || resource.name.startsWith("projects/_/buckets/b/objects/public/")';
  assert.equal(cel(expr, { resource: { type: 'storage.googleapis.com/Bucket' } }), true, 'first disjunct true decides though the name is unknown');
  assert.equal(cel(expr, { resource: { type: 'storage.googleapis.com/Object' } }), 'unknown');
  assert.equal(cel('resource.service == "compute.googleapis.com" && request.time < timestamp("2020-01-01T00:00:00Z")', { resource: { service: 'storage.googleapis.com' } }), false, 'false && unknown is false');
});

test('CEL: request.time expiry and office hours in a time zone (conditions-attribute-reference)', () => {
  const expiry = 'request.time < timestamp("2026-01-01T00:00:00Z")';
  assert.equal(cel(expiry, { request: { time: new Date('2025-12-31T23:59:59Z') } }), true);
  assert.equal(cel(expiry, { request: { time: new Date('2026-01-01T00:00:00Z') } }), false);
  const hours = 'request.time.getHours("Europe/Berlin") >= 9 && request.time.getHours("Europe/Berlin") <= 17 && request.time.getDayOfWeek("Europe/Berlin") >= 1 && request.time.getDayOfWeek("Europe/Berlin") <= 5';
  assert.equal(cel(hours, { request: { time: new Date('2026-12-07T08:30:00Z') } }), true, 'Monday 09:30 in Berlin');
  assert.equal(cel(hours, { request: { time: new Date('2026-12-06T08:30:00Z') } }), false, 'Sunday');
  assert.equal(cel(hours, { request: { time: new Date('2026-12-07T06:30:00Z') } }), false, '07:30 in Berlin');
  assert.equal(cel('request.time < timestamp("2026-01-01T00:00:00Z") + duration("86400s")', { request: { time: new Date('2026-01-01T12:00:00Z') } }), true);
});

test('CEL: tags, extract, unknown attributes, syntax errors', () => {
  assert.equal(cel("resource.matchTag('123456789012/env', 'prod')", { resource: { tags: { '123456789012/env': 'prod' } } }), true);
  assert.equal(cel("resource.matchTag('123456789012/env', 'prod')", { resource: { tags: { '123456789012/env': 'test' } } }), false);
  assert.equal(cel("resource.matchTag('123456789012/env', 'prod')", {}), 'unknown');
  assert.equal(cel('resource.name.extract("/buckets/{name}/") == "b1"', { resource: { name: 'projects/_/buckets/b1/objects/x' } }), true);
  assert.equal(cel("api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly(['roles/viewer'])", {}), 'unknown');
  assert.equal(cel('resource.name.matches("^projects/.*")', { resource: { name: 'projects/x' } }), 'unknown', 'RE2 is not evaluated');
  assert.throws(() => parseCel('resource.name.startsWith("x"'));
  assert.throws(() => parseCel('resource.name == "a" &&'));
});

function model(extra: object[]) {
  return compileGcp(snapshotOf([...baseExports(), ...extra]).gcp);
}
const P1 = `${CRM}projects/p1`;
const p1Role = role('projects/p1/roles/reader', ['storage.objects.get', 'resourcemanager.projects.get']);
const bucket = { name: '//storage.googleapis.com/projects/_/buckets/b1', assetType: 'storage.googleapis.com/Bucket', project: 'projects/100000000001', parentFullResourceName: P1 };

test('allow: a binding on the project is inherited by a bucket and its objects; another project is not', () => {
  const m = model([[p1Role], [bucket], [policy(P1, [{ role: 'projects/p1/roles/reader', members: [ATTACKER] }])]]);
  const d = evaluateGcp(m, { principal: ATTACKER, permission: 'storage.objects.get', resource: '//storage.googleapis.com/projects/_/buckets/b1/objects/a.txt' });
  assert.equal(d.access, 'GRANTED');
  assert.equal(d.allows[0]!.resource, P1);
  assert.equal(evaluateGcp(m, { principal: ATTACKER, permission: 'storage.objects.get', resource: `${CRM}projects/p2` }).access, 'NOT_GRANTED');
});

test('allow: project numbers in exports resolve to project ids (search results use both)', () => {
  const m = model([[p1Role], [policy(`${CRM}projects/100000000001`, [{ role: 'projects/p1/roles/reader', members: [ATTACKER] }])]]);
  assert.equal(evaluateGcp(m, { principal: ATTACKER, permission: 'resourcemanager.projects.get', resource: P1 }).access, 'GRANTED');
});

test('members: groups (transitively), domain:, allAuthenticatedUsers, workload identity pool sets', () => {
  const pool = 'principalSet://iam.googleapis.com/projects/100000000001/locations/global/workloadIdentityPools/github/*';
  const m = model([
    [p1Role],
    { groupMemberships: { 'outer@example.com': ['group:inner@example.com'], 'inner@example.com': [ATTACKER] } },
    [policy(P1, [
      { role: 'projects/p1/roles/reader', members: ['group:outer@example.com'] },
    ])],
    [policy(`${CRM}projects/p2`, [{ role: 'projects/p1/roles/reader', members: ['domain:example.com', pool] }])],
  ]);
  assert.equal(evaluateGcp(m, { principal: ATTACKER, permission: 'storage.objects.get', resource: P1 }).access, 'GRANTED');
  assert.equal(evaluateGcp(m, { principal: 'user:someone@example.com', permission: 'storage.objects.get', resource: P1 }).access, 'NOT_GRANTED');
  assert.equal(evaluateGcp(m, { principal: 'user:someone@example.com', permission: 'storage.objects.get', resource: `${CRM}projects/p2` }).access, 'GRANTED', 'domain:');
  assert.equal(evaluateGcp(m, { principal: 'user:x@other.org', permission: 'storage.objects.get', resource: `${CRM}projects/p2` }).access, 'NOT_GRANTED');
  const subject = 'principal://iam.googleapis.com/projects/100000000001/locations/global/workloadIdentityPools/github/subject/repo:acme/app:ref:refs/heads/main';
  assert.equal(evaluateGcp(m, { principal: subject, permission: 'storage.objects.get', resource: `${CRM}projects/p2` }).access, 'GRANTED');
  const m2 = model([[p1Role], [policy(P1, [{ role: 'projects/p1/roles/reader', members: ['allAuthenticatedUsers'] }])]]);
  assert.equal(evaluateGcp(m2, { principal: 'user:anyone@gmail.com', permission: 'storage.objects.get', resource: P1 }).access, 'GRANTED');
  assert.equal(evaluateGcp(m2, { principal: 'allUsers', permission: 'storage.objects.get', resource: P1 }).access, 'NOT_GRANTED', 'anonymous is not authenticated');
});

const denyPolicy = (rule: object, point = `cloudresourcemanager.googleapis.com/${ORG}`): object => ({ name: `policies/${encodeURIComponent(point)}/denypolicies/d1`, kind: 'DenyPolicy', uid: 'u', etag: 'e', rules: [{ denyRule: rule }] });
const keyAdmin = role('projects/p1/roles/keys', ['iam.serviceAccountKeys.create', 'iam.serviceAccountKeys.delete']);
const keyGrant = [policy(saResource(TARGET_SA), [{ role: 'projects/p1/roles/keys', members: [ATTACKER] }])];

test('deny: denied principal group minus exception principal; FQDN permissions and wildcards (deny-overview)', () => {
  const base = [[keyAdmin], { groupMemberships: { 'devs@example.com': [ATTACKER, 'user:lead@example.com'] } }, keyGrant];
  const q = (m: ReturnType<typeof model>, principal = ATTACKER, permission = 'iam.serviceAccountKeys.create') => evaluateGcp(m, { principal, permission, resource: saResource(TARGET_SA) }).access;
  const m1 = model([...base, [denyPolicy({ deniedPrincipals: ['principalSet://goog/group/devs@example.com'], exceptionPrincipals: ['principal://goog/subject/lead@example.com'], deniedPermissions: ['iam.googleapis.com/serviceAccountKeys.*'], exceptionPermissions: ['iam.googleapis.com/serviceAccountKeys.delete'] })]]);
  assert.equal(q(m1), 'DENIED');
  assert.equal(q(m1, ATTACKER, 'iam.serviceAccountKeys.delete'), 'GRANTED', 'exception permission');
  const m2 = model([...base, [policy(saResource(TARGET_SA), [{ role: 'projects/p1/roles/keys', members: ['user:lead@example.com'] }])], [denyPolicy({ deniedPrincipals: ['principalSet://goog/group/devs@example.com'], exceptionPrincipals: ['principal://goog/subject/lead@example.com'], deniedPermissions: ['iam.googleapis.com/serviceAccountKeys.create'] })]]);
  assert.equal(q(m2, 'user:lead@example.com'), 'GRANTED', 'exception principal');
  const m3 = model([...base, [denyPolicy({ deniedPrincipals: ['principalSet://goog/public:all'], deniedPermissions: ['cloudresourcemanager.googleapis.com/projects.delete'] })], [role('projects/p1/roles/del', ['resourcemanager.projects.delete'])], [policy(P1, [{ role: 'projects/p1/roles/del', members: [ATTACKER] }])]]);
  assert.equal(evaluateGcp(m3, { principal: ATTACKER, permission: 'resourcemanager.projects.delete', resource: P1 }).access, 'DENIED', 'cloudresourcemanager.googleapis.com maps to resourcemanager.*');
  const m4 = model([...base, [denyPolicy({ deniedPrincipals: ['principalSet://goog/public:all'], deniedPermissions: ['iam.googleapis.com/serviceAccountKeys.create'] }, 'cloudresourcemanager.googleapis.com/projects/p2')]]);
  assert.equal(q(m4), 'GRANTED', 'a deny attached to another project does not apply');
});

test('deny: denialCondition on tags is CONDITIONAL when tags are unknown, decided when known', () => {
  const rule = { deniedPrincipals: ['principalSet://goog/public:all'], deniedPermissions: ['iam.googleapis.com/serviceAccountKeys.create'], denialCondition: { title: 'prod', expression: "resource.matchTag('123456789012/env', 'prod')" } };
  assert.equal(evaluateGcp(model([[keyAdmin], keyGrant, [denyPolicy(rule)]]), { principal: ATTACKER, permission: 'iam.serviceAccountKeys.create', resource: saResource(TARGET_SA) }).access, 'CONDITIONAL');
  const tagged = [{ name: P1, assetType: 'cloudresourcemanager.googleapis.com/Project', project: 'projects/100000000001', tagValues: ['123456789012/env/prod'] }];
  assert.equal(evaluateGcp(model([[keyAdmin], keyGrant, tagged, [denyPolicy(rule)]]), { principal: ATTACKER, permission: 'iam.serviceAccountKeys.create', resource: saResource(TARGET_SA) }).access, 'DENIED', 'tags inherited from the project');
});

test('PAB: a bound principal may only reach resources its policies list', () => {
  const pab = { name: `${ORG}/locations/global/principalAccessBoundaryPolicies/only-p1`, details: { rules: [{ description: 'p1 only', resources: [P1], effect: 'ALLOW' }], enforcementVersion: '1' } };
  const binding = { name: `${ORG}/locations/global/policyBindings/sa-bind`, target: { principalSet: `${CRM}projects/p1` }, policyKind: 'PRINCIPAL_ACCESS_BOUNDARY', policy: pab.name };
  const m = model([[p1Role], [pab], [binding], [policy(`${CRM}projects/p2`, [{ role: 'projects/p1/roles/reader', members: [`serviceAccount:${TARGET_SA}`] }])], [policy(P1, [{ role: 'projects/p1/roles/reader', members: [`serviceAccount:${TARGET_SA}`] }])]]);
  const sa = `serviceAccount:${TARGET_SA}`;
  assert.equal(evaluateGcp(m, { principal: sa, permission: 'storage.objects.get', resource: `${CRM}projects/p2` }).access, 'DENIED');
  assert.equal(evaluateGcp(m, { principal: sa, permission: 'storage.objects.get', resource: P1 }).access, 'GRANTED');
  assert.equal(evaluateGcp(m, { principal: 'serviceAccount:p2sa@p2.iam.gserviceaccount.com', permission: 'storage.objects.get', resource: `${CRM}projects/p2` }).access, 'NOT_GRANTED', 'not a subject: allow decides');
});

test('allow: a condition that does not parse grants nothing; a role without definition is reported', () => {
  const m = model([[p1Role], [policy(P1, [{ role: 'projects/p1/roles/reader', members: [ATTACKER], condition: { title: 'bad', expression: 'request.time <' } }, { role: 'roles/storage.admin', members: [ATTACKER] }])]]);
  const d = evaluateGcp(m, { principal: ATTACKER, permission: 'storage.objects.get', resource: P1 });
  assert.equal(d.access, 'NOT_GRANTED');
  assert.deepEqual(d.unknownRoles, ['roles/storage.admin']);
  assert.match(d.allows[0]!.error ?? '', /offset/);
});

test('deny: principalSet of every service account in a project (principal-identifiers)', () => {
  const rule = { deniedPrincipals: ['principalSet://cloudresourcemanager.googleapis.com/projects/p1/type/ServiceAccount'], deniedPermissions: ['iam.googleapis.com/serviceAccountKeys.create'] };
  const grant = [policy(saResource(TARGET_SA), [{ role: 'projects/p1/roles/keys', members: ['serviceAccount:other@p1.iam.gserviceaccount.com', 'serviceAccount:p2sa@p2.iam.gserviceaccount.com'] }])];
  const m = model([[keyAdmin], grant, [denyPolicy(rule)]]);
  assert.equal(evaluateGcp(m, { principal: 'serviceAccount:other@p1.iam.gserviceaccount.com', permission: 'iam.serviceAccountKeys.create', resource: saResource(TARGET_SA) }).access, 'DENIED');
  assert.equal(evaluateGcp(m, { principal: 'serviceAccount:p2sa@p2.iam.gserviceaccount.com', permission: 'iam.serviceAccountKeys.create', resource: saResource(TARGET_SA) }).access, 'GRANTED');
});
