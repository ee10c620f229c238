/**
 * The invictus CloudTrail files (../shared/corpora/invictus, 55 delivery objects, 2,900 events)
 * are read without a single issue, and the IAM change alerts are exactly the IAM mutating calls
 * listed by hand in test/fixtures/detect/invictus-iam-mutating-calls.json (its `method` says how).
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readCloudTrail, type ReadIssue } from '../../src/activity/readers/read-events.js';
import { ruleContext } from '../../src/detect/context.js';
import { RuleSet } from '../../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import type { RuleMatch } from '../../src/model/alert.js';
import { INVICTUS_DIR } from '../activity/corpora.js';

const HAND = JSON.parse(readFileSync(new URL('../fixtures/detect/invictus-iam-mutating-calls.json', import.meta.url), 'utf8')) as { count: number; calls: { eventID: string }[] };

describe('invictus corpus', () => {
  const issues: ReadIssue[] = [];
  const alerts: RuleMatch[] = [];
  let events = 0;
  before(async () => {
    const rules = new RuleSet(BUILTIN_RULES, ruleContext());
    for await (const e of readCloudTrail(INVICTUS_DIR, { onIssue: (i) => issues.push(i) })) {
      events++;
      alerts.push(...rules.evaluate(e));
    }
  });

  test('all 55 files, 2,900 events, ingested without an issue', () => {
    assert.equal(events, 2900);
    assert.deepEqual(issues, []);
  });

  test(`iam-change alerts = the ${HAND.count} IAM mutating calls listed by hand (same eventIDs)`, () => {
    const changed = alerts.filter((a) => a.ruleId === 'iam-change').map((a) => a.eventId).sort();
    assert.equal(changed.length, HAND.count);
    assert.deepEqual(changed, HAND.calls.map((c) => c.eventID).sort());
  });

  test('every IAM call (398) reaches iam-any-call; alert ids are unique', () => {
    assert.equal(alerts.filter((a) => a.ruleId === 'iam-any-call').length, 398);
    assert.equal(new Set(alerts.map((a) => a.id)).size, alerts.length);
  });
});
