/**
 * Property tests of the engine (fast-check, fixed seeds, bounded runs):
 * - adding a Deny statement never turns a decision into Allowed (it can only make it ExplicitlyDenied);
 * - parse → print → parse is stable for generated policies;
 * - wildcard matching grows linearly in the input (an algorithmic-complexity check with generous
 *   bounds, not a benchmark).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, evaluateRequest, type Decision } from '../../src/engine/index.js';
import { parsePolicy, printPolicy } from '../../src/model/policy/index.js';
import { callerArn, cordonDecision, cordonInput, docArb, resourceStatementArb, scenarioArb, type Scenario } from '../helpers/engine-differential.js';

const SEED = 424242;

/** Where a Deny statement is added: a new identity policy, or an existing boundary / resource policy / SCP. */
const denyTarget = fc.constantFrom('identity', 'boundary', 'resource', 'scp');

describe('adding a Deny never grants', () => {
  test('decision after adding a Deny is the old decision or ExplicitlyDenied', () => {
    let checked = 0;
    let flipped = 0;
    fc.assert(
      fc.property(scenarioArb(20), docArb, resourceStatementArb, denyTarget, (s, denyDoc, resStatement, target) => {
        const denies = denyDoc.Statement.map((st) => ({ ...st, Effect: 'Deny' }));
        const widened: Scenario = structuredClone(s);
        if (target === 'boundary' && widened.boundary) widened.boundary.Statement.push(...denies);
        else if (target === 'resource' && widened.resourcePolicy) widened.resourcePolicy.Statement.push({ ...resStatement, Effect: 'Deny' });
        else if (target === 'scp' && widened.scps) widened.scps[1]![0]!.Statement.push(...denies);
        else widened.identity.push({ Version: '2012-10-17', Statement: denies });
        const before = cordonInput(s);
        const after = cordonInput(widened);
        for (const r of s.requests) {
          const a: Decision = cordonDecision(s, before, r);
          const b: Decision = cordonDecision(widened, after, r);
          checked++;
          if (b !== a) flipped++;
          if (b !== a && b !== 'ExplicitlyDenied') {
            throw new Error(`${callerArn(s)} ${r.action} ${r.resource}: ${a} became ${b} after adding a Deny to ${target}`);
          }
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
    assert.ok(checked >= 3000);
    assert.ok(flipped > 0, 'no added Deny ever changed a decision: the generator is too weak');
  });
});

describe('parse → print → parse', () => {
  const policyArb = fc.oneof(
    docArb,
    fc.array(resourceStatementArb, { minLength: 1, maxLength: 4 }).map((Statement) => ({ Version: '2012-10-17', Statement })),
    // A lone statement object and an explicit Sid/Id, as AWS also accepts them.
    docArb.map((d) => ({ Version: d.Version, Id: 'generated', Statement: { Sid: 'Only', ...d.Statement[0]! } })),
  );

  test('the printed document parses to the same AST and prints identically', () => {
    fc.assert(
      fc.property(policyArb, (doc) => {
        const first = parsePolicy(doc, { id: 'p', type: 'resource' });
        const printed = printPolicy(first);
        const second = parsePolicy(printed, { id: 'p', type: 'resource' });
        assert.deepEqual(second, first);
        assert.deepEqual(printPolicy(second), printed);
        // The text form (what `cordon` writes out) round-trips too.
        assert.deepEqual(parsePolicy(JSON.stringify(printed), { id: 'p', type: 'resource' }), first);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('wildcard matching is linear', () => {
  const pattern = '*a*a*a*a*a*b';
  const small = 'a'.repeat(100_000);
  const large = 'a'.repeat(400_000);

  test(`${pattern} against 100 kB: correct, and 4x the input counts 4x the steps (linear, not 16x)`, () => {
    // Operation counts from the glob's step meter, not wall time (timing lives in bench/).
    for (const p of [pattern, `${pattern}*`, '*a?a*a?b*']) {
      const g = compileGlob(p);
      assert.equal(g.test(small), false);
      assert.equal(g.test(`${small}b`), true);
      const steps = (text: string) => {
        const meter = { steps: 0 };
        g.test(text, meter);
        return meter.steps;
      };
      const s100 = steps(small);
      const s400 = steps(large);
      assert.ok(s100 <= 2 * (p.length + small.length), `${p}: ${s100} steps for 100 kB`);
      assert.ok(s400 <= 4 * s100 + 4 * p.length, `${p}: 100 kB ${s100} steps, 400 kB ${s400} steps`);
    }
  });

  test('the same pattern through a StringLike condition and a resource ARN decides 100 kB and 400 kB inputs', () => {
    const arn = 'arn:aws:iam::111111111111:user/alice';
    const policy = parsePolicy(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${pattern}`, Condition: { StringLike: { 's3:prefix': pattern } } }] },
      { id: 'p', type: 'identity' },
    );
    const run = (text: string) =>
      evaluateRequest({ identity: [policy], principal: { arn, account: '111111111111' } }, { principal: arn, action: 's3:GetObject', resource: `arn:aws:s3:::bucket/${text}b`, context: { 's3:prefix': `${text}b` } }).decision;
    // The decision at 100 kB and 400 kB; the matching inside is the glob metered above, and wall
    // time belongs to bench/, not to a unit test.
    assert.equal(run(small), 'Allowed');
    assert.equal(run(large), 'Allowed');
  });
});
