/**
 * CIS monitoring rules ship the benchmark's text for the version their label names (issue 19), run
 * from `test/cases/detect/cis-wording.json`: each case names the rule, the exact metric filter, the
 * version its label must name, CloudTrail records that must and must not fire it, and its source.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { ruleContext } from '../../src/detect/context.js';
import { RuleSet } from '../../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';

interface CisCase {
  name: string;
  source: string;
  rule?: string;
  labelIncludes?: string;
  metricFilter?: string;
  /** A published wording no built-in rule may carry. */
  absentMetricFilter?: string;
  match?: Partial<CloudTrailEvent>[];
  noMatch?: Partial<CloudTrailEvent>[];
}

const FILE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'cases', 'detect', 'cis-wording.json'), 'utf8')) as { cases: CisCase[] };

const ACCT = '111122223333';
function record(fields: Partial<CloudTrailEvent>, i: number): CloudTrailEvent {
  return {
    eventID: `cis-${i}`, eventTime: '2024-01-01T00:00:00Z', eventType: 'AwsApiCall', eventSource: 'ec2.amazonaws.com', eventName: 'Nothing', awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.5', recipientAccountId: ACCT, userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, userName: 'alice' },
    ...fields,
  } as CloudTrailEvent;
}

const metricFilterOf = (id: string): string | undefined => {
  const p = BUILTIN_RULES.find((r) => r.id === id)?.pattern;
  return p && 'metricFilter' in p ? p.metricFilter : undefined;
};

test('the case file is well formed: unique names, a source for every case', () => {
  const names = FILE.cases.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
  for (const c of FILE.cases) {
    assert.match(c.source, /^https:\/\//, c.name);
    assert.ok(c.rule !== undefined || c.absentMetricFilter !== undefined, c.name);
  }
});

describe('CIS rules are the benchmark text their label names', () => {
  for (const c of FILE.cases) {
    test(c.name, () => {
      if (c.absentMetricFilter !== undefined) {
        const carriers = BUILTIN_RULES.filter((r) => 'metricFilter' in r.pattern && r.pattern.metricFilter === c.absentMetricFilter).map((r) => r.id);
        assert.deepEqual(carriers, [], `${c.name} (${c.source})`);
      }
      if (c.rule === undefined) return;
      const rule = BUILTIN_RULES.find((r) => r.id === c.rule);
      assert.ok(rule, `${c.rule} is a built-in rule`);
      assert.equal(metricFilterOf(c.rule), c.metricFilter, `${c.rule} pattern (${c.source})`);
      if (c.labelIncludes) assert.ok((rule.cisVersion ?? '').includes(c.labelIncludes), `${c.rule} label ${JSON.stringify(rule.cisVersion)} names ${c.labelIncludes}`);
      const only = new RuleSet([rule], ruleContext());
      const fires = (e: CloudTrailEvent) => only.evaluate(e).some((a) => a.ruleId === c.rule);
      (c.match ?? []).forEach((f, i) => assert.equal(fires(record(f, i)), true, `${JSON.stringify(f)} should fire ${c.rule}`));
      (c.noMatch ?? []).forEach((f, i) => assert.equal(fires(record(f, 100 + i)), false, `${JSON.stringify(f)} should not fire ${c.rule}`));
    });
  }
});
