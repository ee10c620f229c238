/**
 * ArnOrder narrows escalation targets to the roles an actor's Resource patterns may name; a role
 * it leaves out is a target the engine would refuse, so it must never miss a match (hand-derived
 * against the IAM User Guide's wildcard rules: `*` any run of characters, `?` one character).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArnOrder } from '../../../src/analyzers/escalation/arn-order.js';
import { compileGlob } from '../../../src/engine/index.js';

const A = 'arn:aws:iam::111122223333:role/';
const roles = ['team-b', 'Admin', 'team-a', 'ops/deploy', 'team-a2', 'x?y', 'team-'].map((n) => A + n);

test('literal, prefix and glob patterns, case folded, answered in snapshot order', () => {
  const order = new ArnOrder(roles);
  assert.deepEqual(order.matching([`${A}team-*`]), [A + 'team-b', A + 'team-a', A + 'team-a2', A + 'team-']);
  assert.deepEqual(order.matching([`${A}admin`]), [A + 'Admin'], 'literal ARNs fold case (a superset of the case-sensitive answer)');
  assert.deepEqual(order.matching([`${A}team-?`, `${A}ops/*`]), [A + 'team-b', A + 'team-a', A + 'ops/deploy']);
  assert.deepEqual(order.matching([`${A}*/deploy`]), [A + 'ops/deploy']);
  assert.deepEqual(order.matching([]), []);
  assert.deepEqual(order.matching([`${A}nobody`, `arn:aws:iam::444455556666:role/*`]), []);
  assert.deepEqual(order.inOrder([A + 'team-a', A + 'team-b']), [A + 'team-b', A + 'team-a']);
});

test('never misses what the engine glob matches (random patterns over random role names)', () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const alphabet = ['a', 'B', 'team-', '/', '-', 'x'];
  const name = () => Array.from({ length: 1 + rnd(4) }, () => alphabet[rnd(alphabet.length)]).join('');
  const arns = Array.from({ length: 200 }, () => A + name());
  const order = new ArnOrder(arns);
  for (let i = 0; i < 300; i++) {
    const tail = Array.from({ length: 1 + rnd(4) }, () => [...alphabet, '*', '?'][rnd(alphabet.length + 2)]).join('');
    const pattern = A + tail;
    const got = new Set(order.matching([pattern]));
    const glob = compileGlob(pattern, false);
    for (const arn of arns) if (glob.test(arn)) assert.ok(got.has(arn), `${pattern} should name ${arn}`);
  }
});
