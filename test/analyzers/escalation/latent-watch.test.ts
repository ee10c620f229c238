// A latent escalation finding appearing while `watch --snapshot` replays an event (PathTracker) is
// recorded as a finding but raises no new-escalation-path alert (that rule is CRITICAL; a latent
// path is MEDIUM and arms only when the policy gets another version); the real path still alerts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PathTracker } from '../../../src/activity/path-tracker.js';
import { SnapshotBuilder, allow, doc } from '../../helpers/snapshot-builder.js';
import { iamEvent, urlEncoded } from '../../activity/replay-events.js';

const T = '2026-02-01T09:00:00Z';

function tracker() {
  const b = new SnapshotBuilder();
  b.policy('app', doc(allow('s3:GetObject')));
  b.user({ name: 'dev', managed: [b.arn('policy', 'app')] });
  return { b, t: new PathTracker(b.build()) };
}

test('granting SetDefaultPolicyVersion on a one-version policy: a latent finding appears, no alert', () => {
  const { b, t } = tracker();
  const seen = t.observe(iamEvent('l1', T, 'PutUserPolicy', { userName: 'dev', policyName: 'x', policyDocument: urlEncoded(doc(allow('iam:SetDefaultPolicyVersion', b.arn('policy', 'app')))) }));
  assert.deepEqual(seen.appeared.map((f) => [f.type, f.severity, f.details?.latent]), [['PrivilegeEscalation', 'MEDIUM', true]]);
  assert.deepEqual(seen.alerts, []);
});

test('granting PutUserPolicy on oneself: the real path still raises new-escalation-path', () => {
  const { b, t } = tracker();
  const seen = t.observe(iamEvent('l2', T, 'PutUserPolicy', { userName: 'dev', policyName: 'x', policyDocument: urlEncoded(doc(allow('iam:PutUserPolicy', b.arn('user', 'dev')))) }));
  assert.deepEqual(seen.alerts.map((a) => [a.ruleId, a.severity]), [['new-escalation-path', 'CRITICAL']]);
});
