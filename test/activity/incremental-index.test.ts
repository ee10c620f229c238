/**
 * The escalation index carried across replayed events (`carriedIndex`) equals the index built from
 * scratch for the new snapshot, for changes of group membership, managed policy attachments (customer
 * and AWS-managed, directly and through a group), boundaries, inline policies and trust. Truth: the
 * full `indexPrincipals` of the same snapshot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotChange } from '../../src/activity/incremental-diff.js';
import { applyEvent } from '../../src/activity/replay/index.js';
import { carriedIndex } from '../../src/analyzers/escalation/edge-cache.js';
import { indexPrincipals } from '../../src/analyzers/escalation/principal-index.js';
import type { Snapshot } from '../../src/model/snapshot/types.js';
import { ACCOUNT, SnapshotBuilder, allow, doc, trust } from '../helpers/snapshot-builder.js';
import { iamEvent, urlEncoded } from './replay-events.js';

const policy = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;

function start(): Snapshot {
  const b = new SnapshotBuilder();
  b.policy('p0', doc(allow('s3:GetObject')));
  b.policy('p1', doc(allow('iam:PassRole')));
  b.group({ name: 'g0', managed: [policy('p1')] });
  b.group({ name: 'g1' });
  b.user({ name: 'u0', inline: [doc(allow('sts:AssumeRole'))], groups: ['g1'] });
  b.user({ name: 'u1', managed: [policy('p0')] });
  b.role({ name: 'r0', trust: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), inline: [doc(allow('iam:*'))] });
  b.role({ name: 'r1', trust: trust({ Service: 'lambda.amazonaws.com' }), managed: [policy('p0')] });
  return b.build();
}

const EVENTS: [string, Record<string, unknown>][] = [
  ['AddUserToGroup', { userName: 'u0', groupName: 'g0' }],
  ['AttachUserPolicy', { userName: 'u0', policyArn: policy('p0') }],
  ['AttachRolePolicy', { roleName: 'r0', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
  ['AttachGroupPolicy', { groupName: 'g1', policyArn: policy('p1') }],
  ['PutRolePermissionsBoundary', { roleName: 'r1', permissionsBoundary: policy('p1') }],
  ['PutRolePolicy', { roleName: 'r1', policyName: 'x', policyDocument: urlEncoded(doc(allow('ec2:*'))) }],
  ['UpdateAssumeRolePolicy', { roleName: 'r0', policyDocument: urlEncoded(trust({ Service: 'ec2.amazonaws.com' })) }],
  ['RemoveUserFromGroup', { userName: 'u0', groupName: 'g1' }],
  ['DetachUserPolicy', { userName: 'u1', policyArn: policy('p0') }],
];

test('the carried escalation index equals a fresh one after each kind of IAM change', () => {
  let snapshot = start();
  let index = indexPrincipals(snapshot);
  let carried = 0;
  EVENTS.forEach(([name, params], i) => {
    const step = applyEvent(snapshot, iamEvent(`e${i}`, `2026-01-02T10:0${i}:00Z`, name, params));
    assert.equal(step.status, 'applied', `${name}: ${step.note}`);
    const change = snapshotChange(snapshot, step.snapshot);
    if (!change.full) {
      carried++;
      index = carriedIndex(index, step.snapshot, change.principals);
      assert.deepEqual(index, indexPrincipals(step.snapshot), name);
    } else index = indexPrincipals(step.snapshot);
    snapshot = step.snapshot;
  });
  // Only the first attachment of an AWS-managed policy adds it to the snapshot (still carried: policies are looked up by ARN).
  assert.equal(carried, EVENTS.length);
});
