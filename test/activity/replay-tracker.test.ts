/**
 * The watched state of `watch --snapshot` (PathTracker): one alert per rule and event listing the
 * findings that appeared, new-external-access (HIGH) for a backdoor trust, nothing for events that
 * change no state or fail, and a finding that vanishes after the undo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PathTracker } from '../../src/activity/path-tracker.js';
import { alertId } from '../../src/detect/rule-set.js';
import { ACCOUNT, SnapshotBuilder, allow, doc, trust } from '../helpers/snapshot-builder.js';
import { ACTOR, iamEvent, urlEncoded } from './replay-events.js';

const T = '2026-02-01T09:00:00Z';

function tracker() {
  const b = new SnapshotBuilder();
  b.user({ name: 'dave', inline: [doc(allow('sts:AssumeRole'))] });
  b.role({ name: 'ops', trust: trust({ AWS: b.arn('user', 'dave') }) });
  b.role({ name: 'app', trust: trust({ Service: 'ec2.amazonaws.com' }) });
  return new PathTracker(b.build());
}

test('a backdoor trust raises one new-external-access (HIGH) alert naming the event, actor and finding', () => {
  const t = tracker();
  assert.equal(t.takeDirty(), true, 'initial findings are to be recorded');
  assert.equal(t.takeDirty(), false);
  const event = iamEvent('b1', T, 'UpdateAssumeRolePolicy', { roleName: 'app', policyDocument: urlEncoded(trust({ AWS: 'arn:aws:iam::999988887777:root' })) });
  const seen = t.observe(event);
  assert.deepEqual(seen.alerts.map((a) => [a.ruleId, a.severity, a.id, a.eventId, a.actor]), [['new-external-access', 'HIGH', alertId('new-external-access', 'b1'), 'b1', ACTOR]]);
  const alert = seen.alerts[0]!;
  assert.deepEqual(alert.findings.map((f) => [f.type, f.resource]), [['ExternalAccess', `arn:aws:iam::${ACCOUNT}:role/app`]]);
  assert.deepEqual(alert.cause.touched, [`arn:aws:iam::${ACCOUNT}:role/app`]);
  assert.equal(t.takeDirty(), true);
});

test('one event creating several escalation findings is one new-escalation-path alert listing them all', () => {
  const t = tracker();
  const seen = t.observe(iamEvent('p1', T, 'PutRolePolicy', { roleName: 'ops', policyName: 'x', policyDocument: urlEncoded(doc(allow('iam:*'))) }));
  assert.equal(seen.alerts.length, 1);
  assert.equal(seen.alerts[0]!.ruleId, 'new-escalation-path');
  assert.equal(seen.alerts[0]!.severity, 'CRITICAL');
  assert.ok(seen.alerts[0]!.findings.length >= 2, 'the role and dave, who may assume it');
  assert.ok(seen.alerts[0]!.findings.every((f) => (f.path?.length ?? 0) >= 1));
  const undo = t.observe(iamEvent('p2', T, 'DeleteRolePolicy', { roleName: 'ops', policyName: 'x' }));
  assert.deepEqual(undo.alerts, []);
  assert.deepEqual(undo.resolved.map((f) => f.id).sort(), seen.appeared.map((f) => f.id).sort());
});

test('failed and read-only events raise nothing and leave the findings as they were', () => {
  const t = tracker();
  const before = t.findings();
  t.takeDirty();
  const failed = t.observe(iamEvent('f1', T, 'PutRolePolicy', { roleName: 'ops', policyName: 'x', policyDocument: urlEncoded(doc(allow('*'))) }, { errorCode: 'AccessDenied' }));
  const read = t.observe(iamEvent('f2', T, 'ListRoles', {}));
  assert.deepEqual([failed.alerts, read.alerts], [[], []]);
  assert.equal(t.findings(), before);
  assert.equal(t.takeDirty(), false);
});
