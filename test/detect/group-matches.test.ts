/**
 * Readable alerts (issue #22): the matches of one event are one alert listing its rules, highest
 * severity first; the id depends on the event only; rules under the floor (default LOW) are dropped.
 * Truth: hand-derived from the built-in rules' severities in src/detect/rules/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleContext } from '../../src/detect/context.js';
import { alertsOfEvent, eventAlertId, groupMatches } from '../../src/detect/group-matches.js';
import { RuleSet } from '../../src/detect/rule-set.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import type { RuleMatch } from '../../src/model/alert.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { slackMessage } from '../../src/notify/slack-sink.js';

const ACCOUNT = '111122223333';
const attach = {
  eventVersion: '1.08', eventID: 'attach-1', eventTime: '2024-03-01T12:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'AttachUserPolicy',
  awsRegion: 'us-east-1', recipientAccountId: ACCOUNT, eventType: 'AwsApiCall',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/mallory`, accountId: ACCOUNT },
  requestParameters: { userName: 'mallory', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
} as unknown as CloudTrailEvent;

// The issue counts five alerts for an AttachUserPolicy; attaching AdministratorAccess adds admin-policy-attached.
test('AttachUserPolicy of AdministratorAccess: six matches, one alert, rules by severity', () => {
  const matches = new RuleSet(BUILTIN_RULES, ruleContext()).evaluate(attach);
  assert.equal(matches.length, 6, matches.map((m) => m.ruleId).join(','));
  const alert = groupMatches(matches, { minSeverity: 'INFO' })!;
  const rank = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
  assert.equal(alert.rules.length, 6);
  assert.deepEqual(alert.rules.map((r) => rank.indexOf(r.severity)), alert.rules.map((r) => rank.indexOf(r.severity)).sort((a, b) => a - b));
  assert.deepEqual([alert.ruleId, alert.severity], [alert.rules[0]!.id, alert.rules[0]!.severity]);
  assert.equal(alert.rules[0]!.id, 'admin-policy-attached');
  assert.equal(alert.rules.at(-1)!.id, 'iam-any-call');
  assert.equal(alert.id, eventAlertId('attach-1'));
  assert.equal(alert.actor, `arn:aws:iam::${ACCOUNT}:user/mallory`);
  assert.match(alert.summary, /\(\+5 more rules: /);
  // Default floor LOW: the INFO catch-all is not listed; same id (the event's), so no duplicate.
  const dflt = groupMatches(matches)!;
  assert.deepEqual(dflt.rules.map((r) => r.id), alert.rules.slice(0, 5).map((r) => r.id));
  assert.equal(dflt.id, alert.id);
  assert.equal(groupMatches(matches, { minSeverity: 'CRITICAL' })?.rules.length ?? 0, alert.rules.filter((r) => r.severity === 'CRITICAL').length);
  const slack = JSON.stringify(slackMessage(dflt));
  for (const r of dflt.rules) assert.ok(slack.includes(r.id), r.id);
});

test('attack-path matches join the event\'s alert with their findings; nothing below the floor makes no alert', () => {
  const base: RuleMatch = { id: 'x', ruleId: 'iam-change', severity: 'LOW', eventId: 'e9', eventTime: 't', eventName: 'PutRolePolicy', eventSource: 'iam.amazonaws.com', accountId: ACCOUNT, region: 'us-east-1', actor: 'a', summary: 'IAM change', event: attach };
  const path: RuleMatch = { ...base, id: 'y', ruleId: 'new-escalation-path', severity: 'CRITICAL', summary: 'New path', findings: [{ id: 'F1', type: 'PrivilegeEscalation', title: 'dave → admin', resource: 'r' }], cause: { touched: ['role/x'] } };
  const alert = groupMatches([path, base, { ...base }])!;
  assert.deepEqual(alert.rules.map((r) => r.id), ['new-escalation-path', 'iam-change'], 'a rule listed twice counts once');
  assert.deepEqual(alert.findings, [{ id: 'F1', type: 'PrivilegeEscalation', title: 'dave → admin', resource: 'r', ruleId: 'new-escalation-path' }]);
  assert.deepEqual(alert.cause, { touched: ['role/x'] });
  assert.deepEqual(alertsOfEvent([{ ...base, severity: 'INFO' }]), []);
  assert.deepEqual(alertsOfEvent([]), []);
  assert.throws(() => groupMatches([base, { ...base, eventId: 'other' }]), /two events/);
});
