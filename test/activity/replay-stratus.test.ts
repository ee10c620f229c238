/**
 * Stratus Red Team detonations (real CloudTrail records of `../shared/corpora/stratus/`) replayed on
 * a snapshot of the entities as the technique's warm-up left them, before detonation: the timeline
 * shows the change, and the exposure it opens, at the detonating event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTimeline } from '../../src/activity/timeline.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { SnapshotBuilder, trust } from '../helpers/snapshot-builder.js';
import { STRATUS_DIR } from './corpora.js';

const load = async (technique: string) => JSON.parse(await readFile(join(STRATUS_DIR, `${technique}.json`), 'utf8')) as CloudTrailEvent[];

test('aws.persistence.iam-backdoor-role: the external trust appears at the UpdateAssumeRolePolicy', async () => {
  const events = await load('aws.persistence.iam-backdoor-role');
  // Warm-up: the role exists and trusts EC2 only.
  const b = new SnapshotBuilder('751203476945');
  b.role({ name: 'stratus-red-team-backdoor-r-role', trust: trust({ Service: 'ec2.amazonaws.com' }) });
  const timeline = buildTimeline(b.build(), events);
  assert.deepEqual(timeline.initial.filter((f) => f.type === 'ExternalAccess'), []);
  const detonation = events.find((e) => e.eventName === 'UpdateAssumeRolePolicy')!;
  assert.deepEqual(timeline.changes.map((c) => [c.event.id, c.status]), [[detonation.eventID, 'applied']]);
  const appeared = timeline.entries.filter((e) => e.change === 'APPEARED' && e.finding.type === 'ExternalAccess');
  assert.equal(appeared.length, 1, JSON.stringify(timeline.entries.map((e) => [e.change, e.finding.type, e.finding.title])));
  const entry = appeared[0]!;
  assert.equal(entry.event.id, '62e290e2-ee95-4a7c-a9f8-db4ef462b12d');
  assert.equal(entry.event.actor, 'arn:aws:iam::751203476945:user/christophe');
  assert.equal(entry.finding.resource, 'arn:aws:iam::751203476945:role/stratus-red-team-backdoor-r-role');
  assert.match(JSON.stringify(entry.finding.principal), /193672423079/);
  const role = 'arn:aws:iam::751203476945:role/stratus-red-team-backdoor-r-role';
  assert.doesNotMatch(JSON.stringify(entry.before[role]), /193672423079/);
  assert.match(JSON.stringify(entry.after[role]), /193672423079/);
});

test('aws.privilege-escalation.iam-update-user-login-profile: the password change is on the timeline at the detonating event', async () => {
  const events = await load('aws.privilege-escalation.iam-update-user-login-profile');
  const b = new SnapshotBuilder('763751499319');
  b.user({ name: 'stratus-red-team-update-login-profile-user' });
  b.account.users[0]!.loginProfile = { createDate: '2024-08-28T09:50:00Z', passwordResetRequired: false };
  b.user({ name: 'christophe' });
  const timeline = buildTimeline(b.build(), events);
  const detonation = events.find((e) => e.eventName === 'UpdateLoginProfile')!;
  const change = timeline.changes.find((c) => c.event.id === detonation.eventID);
  assert.ok(change, JSON.stringify(timeline.changes));
  assert.equal(change.status, 'applied');
  assert.deepEqual(change.touched, ['arn:aws:iam::763751499319:user/stratus-red-team-update-login-profile-user']);
  assert.match(change.note, /console password of .*stratus-red-team-update-login-profile-user set by arn:aws:iam::763751499319:user\/christophe/);
  assert.equal(change.event.sourceIp, '212.3.253.233');
});
