// AccessOracle.withGrants (engine-oracle.ts), which capability gains rest on: the principal answers
// as if it also held the group's or managed policy's statements, still under its own boundary and
// Denies; every other principal answers as before; a grant whose document is unknown gives nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import { allow, deny, doc, SnapshotBuilder } from '../../helpers/snapshot-builder.js';

const now = new Date('2026-06-01T00:00:00Z');

function account() {
  const b = new SnapshotBuilder();
  b.policy('boundary', doc(allow(['iam:AddUserToGroup', 'lambda:*'])));
  b.policy('deploy', doc(allow(['lambda:CreateFunction', 'iam:PassRole'])));
  b.group({ name: 'deployers', inline: [doc(allow(['lambda:CreateFunction', 'iam:PassRole']))] });
  b.user({ name: 'dev', inline: [doc(allow('iam:AddUserToGroup'))] });
  b.user({ name: 'bounded', inline: [doc(allow('iam:AddUserToGroup'))], boundary: b.arn('policy', 'boundary') });
  b.user({ name: 'denied', inline: [doc(allow('iam:AddUserToGroup'), deny('iam:PassRole'))] });
  return { b, snapshot: b.build() };
}

const fn = (b: SnapshotBuilder) => `arn:aws:lambda:us-east-1:${b.account.accountId}:function:f`;
const role = (b: SnapshotBuilder) => b.arn('role', 'r');

test('a user holding a group answers with the group statements; others are unchanged', () => {
  const { b, snapshot } = account();
  const oracle = engineOracle(snapshot, { now });
  const dev = b.arn('user', 'dev');
  const gained = oracle.withGrants!(dev, [b.arn('group', 'deployers')])!;
  assert.equal(oracle.decide({ principal: dev, action: 'lambda:CreateFunction', resource: fn(b) }).allowed, false);
  assert.equal(gained.decide({ principal: dev, action: 'lambda:CreateFunction', resource: fn(b) }).allowed, true);
  assert.ok(gained.decide({ principal: dev, action: 'iam:PassRole', resource: role(b) }).evidence.some((e) => e.policy.startsWith(b.arn('group', 'deployers'))));
  assert.equal(gained.mayDoAction(dev, 'iam:PassRole'), true);
  assert.equal(gained.identityMayDoOn!(dev, 'iam:PassRole', role(b)), true);
  assert.equal(gained.decide({ principal: b.arn('user', 'denied'), action: 'lambda:CreateFunction', resource: fn(b) }).allowed, false);
  // A managed policy of the snapshot works the same way.
  assert.equal(oracle.withGrants!(dev, [b.arn('policy', 'deploy')])!.decide({ principal: dev, action: 'iam:PassRole', resource: role(b) }).allowed, true);
});

test('the holder stays under its own boundary and its own Denies', () => {
  const { b, snapshot } = account();
  const oracle = engineOracle(snapshot, { now });
  const bounded = oracle.withGrants!(b.arn('user', 'bounded'), [b.arn('group', 'deployers')])!;
  assert.equal(bounded.decide({ principal: b.arn('user', 'bounded'), action: 'lambda:CreateFunction', resource: fn(b) }).allowed, true);
  assert.equal(bounded.decide({ principal: b.arn('user', 'bounded'), action: 'iam:PassRole', resource: role(b) }).allowed, false);
  assert.equal(bounded.identityMayDo!(b.arn('user', 'bounded'), 'iam:PassRole'), false);
  const denied = oracle.withGrants!(b.arn('user', 'denied'), [b.arn('group', 'deployers')])!;
  assert.equal(denied.decide({ principal: b.arn('user', 'denied'), action: 'iam:PassRole', resource: role(b) }).allowed, false);
});

test('grants compose, AWS managed policies come from the bundled copies, unknown documents give no oracle', () => {
  const { b, snapshot } = account();
  const oracle = engineOracle(snapshot, { now });
  const dev = b.arn('user', 'dev');
  const full = oracle.withGrants!(dev, ['arn:aws:iam::aws:policy/IAMFullAccess'])!;
  assert.equal(full.decide({ principal: dev, action: 'iam:PutUserPolicy', resource: dev }).allowed, true);
  assert.equal(full.isAdmin(dev).allowed, false);
  assert.equal(oracle.withGrants!(dev, ['arn:aws:iam::aws:policy/AdministratorAccess'])!.isAdmin(dev).allowed, true);
  const both = full.withGrants!(dev, [b.arn('group', 'deployers')])!;
  assert.equal(both.decide({ principal: dev, action: 'iam:PutUserPolicy', resource: dev }).allowed && both.decide({ principal: dev, action: 'lambda:CreateFunction', resource: fn(b) }).allowed, true);
  assert.equal(oracle.withGrants!(dev, ['arn:aws:iam::aws:policy/SomethingNobodyBundles']), undefined);
});
