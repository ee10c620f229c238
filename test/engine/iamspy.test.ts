/**
 * The IAMSpy integration vectors (`../shared/corpora/iamspy/cases.json`, WithSecureLabs IAMSpy,
 * Apache-2.0) through `compileSnapshot`: all 22 can-i cases, the 16 who-can cases and the batch
 * case. IAMSpy's default (non-strict) mode lets condition keys the caller did not pin take any
 * value — Cordon's three-valued mode with `unknownKeys: 'all-missing'`; `strict_conditions` makes
 * unpinned keys absent — Cordon's ordinary evaluation. who-can is answered by evaluating every
 * principal the compiled model knows (the model has no who-can index of its own yet).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadSnapshotFiles } from '../../src/collect/index.js';
import { compileSnapshot } from '../../src/engine/index.js';
import type { AuthorizationModel, AuthorizationRequest } from '../../src/engine/index.js';
import { IAMSPY_DIR, iamSpyContext, iamSpySnapshot, loadIamSpyCases, type IamSpyCase } from '../helpers/engine-iamspy.js';

const cases = loadIamSpyCases();

function request(c: IamSpyCase, principal: string, resource: string): AuthorizationRequest {
  const r: AuthorizationRequest = { principal, action: c.action, resource, context: iamSpyContext(c.condition_context) };
  if (c.strict_conditions !== true) r.unknownKeys = 'all-missing';
  return r;
}

function canI(model: AuthorizationModel, c: IamSpyCase, principal: string, resource: string): boolean {
  return model.evaluate(request(c, principal, resource)).decision === 'Allowed';
}

describe('IAMSpy corpus', () => {
  test('has the 22 can-i, 16 who-can and 1 batch cases its README lists', () => {
    const count = (k: string) => cases.filter((c) => c.kind === k).length;
    assert.deepEqual([count('can-i'), count('who-can'), count('who-can-batch-resource')], [22, 16, 1]);
  });

  test('fixtures load into snapshots with every policy parseable', () => {
    for (const c of cases) {
      const model = compileSnapshot(iamSpySnapshot(c.files));
      assert.deepEqual(model.warnings?.() ?? [], [], `${c.name}: ${c.files.gaads.join(',')}`);
    }
  });
});

describe('IAMSpy can-i', () => {
  for (const c of cases.filter((x) => x.kind === 'can-i')) {
    test(`${c.name} ${c.principal} ${c.action} ${String(c.resource)} → ${String(c.expected)}`, () => {
      const model = compileSnapshot(iamSpySnapshot(c.files));
      assert.equal(canI(model, c, c.principal!, c.resource as string), c.expected);
    });
  }
});

describe('IAMSpy who-can (every known principal evaluated)', () => {
  for (const c of cases.filter((x) => x.kind === 'who-can')) {
    test(`${c.name} ${c.action} ${String(c.resource)}`, () => {
      const model = compileSnapshot(iamSpySnapshot(c.files));
      const who = model.principals().filter((p) => canI(model, c, p.arn, c.resource as string)).map((p) => p.arn).sort();
      assert.deepEqual(who, [...(c.expected as string[])].sort());
    });
  }

  for (const c of cases.filter((x) => x.kind === 'who-can-batch-resource')) {
    test(`${c.name} ${c.action} over ${(c.resource as string[]).length} resources`, () => {
      const model = compileSnapshot(iamSpySnapshot(c.files));
      const pairs: string[][] = [];
      for (const p of model.principals()) for (const r of c.resource as string[]) if (canI(model, c, p.arn, r)) pairs.push([p.arn, r]);
      const key = (x: string[]) => x.join(' ');
      assert.deepEqual(pairs.map(key).sort(), (c.expected as string[][]).map(key).sort());
    });
  }
});

// The same can-i vectors through the project's own file loader (src/collect), unmodified fixtures.
// IAMSpy's resource fixtures write `"Principal": "arn:..."`; the policy parser reads that shorthand
// as `{"AWS": "arn:..."}` (see docs/decisions.md), so every case runs on this path too.
describe('IAMSpy can-i through loadSnapshotFiles', () => {
  for (const c of cases.filter((x) => x.kind === 'can-i')) {
    test(`${c.name} → ${String(c.expected)}`, async () => {
      const files = [...c.files.gaads, ...c.files.resources, ...c.files.scps].map((f) => join(IAMSPY_DIR, 'files', f));
      const { snapshot } = await loadSnapshotFiles(files, { now: new Date('2024-12-12T00:00:00Z') });
      assert.equal(canI(compileSnapshot(snapshot), c, c.principal!, c.resource as string), c.expected);
    });
  }
});
