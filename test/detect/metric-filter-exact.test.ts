/**
 * CloudWatch Logs JSON filter patterns, exactness round 2 (issue 19). Source: "Filter pattern
 * syntax for metric filters, subscription filters, filter log events, and Live Tail", section
 * "Using filter patterns to match terms in JSON log events"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
 * numeric values may carry a sign (the page's `{ $.latency > +1000 }`), and a quoted value's `*`
 * is a wildcard at its start or end only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilterPattern, parseFilterPattern, printFilter } from '../../src/detect/metric-filter/index.js';

test('signed numbers parse and compare numerically', () => {
  const cases: [string, unknown, boolean][] = [
    ['{ $.latency > +1000 }', { latency: 1500 }, true],
    ['{ $.latency > +1000 }', { latency: 1000 }, false],
    ['{ $.delta < -5 }', { delta: -6 }, true],
    ['{ $.delta = -5.5 }', { delta: -5.5 }, true],
    ['{ $.delta >= +1.5e2 }', { delta: 150 }, true],
  ];
  for (const [pattern, event, expected] of cases) assert.equal(compileFilterPattern(pattern)(event), expected, `${pattern} on ${JSON.stringify(event)}`);
  const tree = parseFilterPattern('{ $.latency > +1000 }');
  assert.equal(tree.type === 'compare' && tree.value.kind, 'number');
  assert.equal(printFilter(tree), '$.latency > +1000');
});

test('a * in the middle of a quoted value is a literal character', () => {
  const m = compileFilterPattern('{ $.eventType = "Update*Trail" }');
  assert.equal(m({ eventType: 'Update*Trail' }), true);
  assert.equal(m({ eventType: 'UpdateTrail' }), false);
  assert.equal(m({ eventType: 'UpdateMyTrail' }), false);
  // Affixes stay wildcards, with a literal star between them.
  const both = compileFilterPattern('{ $.k = "*a*b*" }');
  assert.equal(both({ k: 'xa*by' }), true);
  assert.equal(both({ k: 'xaZby' }), false);
  assert.equal(compileFilterPattern('{ $.eventType = "Update*" }')({ eventType: 'UpdateTrail' }), true);
  assert.equal(compileFilterPattern('{ $.eventType = "*Trail" }')({ eventType: 'UpdateTrail' }), true);
  assert.equal(compileFilterPattern('{ $.eventType = "*" }')({ eventType: '' }), true);
});
