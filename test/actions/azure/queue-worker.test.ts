/**
 * The Service Bus worker against its peek-lock receiver interface with at-least-once fault
 * injection: a kill between the journaled apply and `complete` redelivers the message and the
 * journal resumes instead of repeating; failures abandon until the delivery limit, then
 * dead-letter; a message naming no finding is dead-lettered at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingIdsOf, runWorkerBatch, type LockedMessage, type PeekLockReceiver } from '../../../src/actions/azure/queue-worker.js';
import { applyAzurePlan } from '../../../src/actions/azure/execute.js';
import type { AzurePlan } from '../../../src/actions/azure/plan.js';
import type { AzureRemediationGateway, RoleAssignmentState } from '../../../src/actions/azure/gateway.js';
import { openStore } from '../../../src/store/index.js';

/** An in-memory queue with Service Bus peek-lock semantics (lock, redelivery count, DLQ). */
class FakeQueue implements PeekLockReceiver {
  messages: (LockedMessage & { locked: boolean })[] = [];
  deadLetters: { body: unknown; reason: string }[] = [];
  completed: unknown[] = [];
  killOnComplete = 0;
  send(body: unknown) {
    this.messages.push({ body, deliveryCount: 0, messageId: String(this.messages.length + 1), locked: false });
  }
  async receive(max: number) {
    const out = this.messages.filter((m) => !m.locked).slice(0, max);
    for (const m of out) {
      m.locked = true;
      m.deliveryCount++;
    }
    return out;
  }
  async complete(m: LockedMessage) {
    if (this.killOnComplete > 0) {
      this.killOnComplete--;
      throw new Error('killed before complete');
    }
    this.messages = this.messages.filter((x) => x !== m);
    this.completed.push(m.body);
  }
  async abandon(m: LockedMessage) {
    (m as unknown as { locked: boolean }).locked = false;
  }
  async deadLetter(m: LockedMessage, reason: string) {
    this.messages = this.messages.filter((x) => x !== m);
    this.deadLetters.push({ body: m.body, reason });
  }
  /** The lock of a message whose worker died expires: visible again. */
  expireLocks() {
    for (const m of this.messages) m.locked = false;
  }
}

const SCOPE = '/subscriptions/s/resourceGroups/rg';
function gateway() {
  const state = new Map<string, RoleAssignmentState>([['a1', { roleDefinitionId: 'r', principalId: 'p' }]]);
  const calls: string[] = [];
  const gw: AzureRemediationGateway = {
    getRoleAssignment: async (_s, n) => state.get(n),
    putRoleAssignment: async (_s, n, v) => void state.set(n, v),
    deleteRoleAssignment: async (_s, n) => {
      calls.push(`delete ${n}`);
      state.delete(n);
    },
    requestEligibility: async () => {},
    getAccountEnabled: async () => true,
    setAccountEnabled: async () => {},
  };
  return { gw, state, calls };
}

test('findingIdsOf reads the documented message shapes', () => {
  assert.deepEqual(findingIdsOf('{"findingId":"abc"}'), ['abc']);
  assert.deepEqual(findingIdsOf({ alerts: ['a', 'b'], id: 'a' }), ['a', 'b']);
  assert.deepEqual(findingIdsOf('abc123'), ['abc123']);
  assert.deepEqual(findingIdsOf('not json {'), []);
});

test('kill between journaled apply and complete: redelivered, resumed from the journal, applied once, completed', async () => {
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'cordon-sb-')), 'c.db'));
  const { gw, state, calls } = gateway();
  const plan: AzurePlan = { findingId: 'f1', strategy: 'remove', summary: 'remove a1', steps: [{ kind: 'delete-role-assignment', scope: SCOPE, name: 'a1' }], irreversible: [] };
  const handle = async (id: string) => {
    const r = await applyAzurePlan(plan, gw, store, { actor: 'sb', now: () => '2026-12-07T00:00:00Z' });
    return { status: 'done' as const, line: `applied ${id}: ${r.applied} new, ${r.resumed} resumed` };
  };
  const q = new FakeQueue();
  q.send({ findingId: 'f1' });
  q.killOnComplete = 1;
  const lines: string[] = [];
  await assert.rejects(runWorkerBatch(q, { maxDeliveries: 5, handle, log: (l) => lines.push(l) }), /killed before complete/);
  assert.equal(state.has('a1'), false, 'applied before the kill');
  q.expireLocks();
  const second = await runWorkerBatch(q, { maxDeliveries: 5, handle, log: (l) => lines.push(l) });
  assert.deepEqual(second, { received: 1, completed: 1, abandoned: 0, deadLettered: 0 });
  assert.deepEqual(calls, ['delete a1'], 'no doubled remediation');
  assert.ok(lines.at(-1)!.includes('0 new, 1 resumed'));
  assert.equal(q.messages.length, 0);
  await store.close();
});

test('failures abandon until the delivery limit, then dead-letter; no-finding messages dead-letter at once', async () => {
  const q = new FakeQueue();
  q.send({ findingId: 'broken' });
  q.send({ hello: 'world' });
  let attempts = 0;
  const handle = async () => {
    attempts++;
    throw new Error('ARM 500');
  };
  const log = () => {};
  const r1 = await runWorkerBatch(q, { maxDeliveries: 3, handle, log });
  assert.deepEqual(r1, { received: 2, completed: 0, abandoned: 1, deadLettered: 1 });
  assert.equal(q.deadLetters[0]!.reason, 'NoFindingId');
  await runWorkerBatch(q, { maxDeliveries: 3, handle, log });
  const r3 = await runWorkerBatch(q, { maxDeliveries: 3, handle, log });
  assert.deepEqual(r3, { received: 1, completed: 0, abandoned: 0, deadLettered: 1 });
  assert.equal(attempts, 3);
  assert.equal(q.deadLetters[1]!.reason, 'RemediationFailed');
  assert.equal(q.messages.length, 0);
});
