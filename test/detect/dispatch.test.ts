// Guards (src/detect/dispatch.ts) are necessary conditions: they may only skip a rule whose matcher
// would say no. Truth: the matchers themselves (compileEventPattern, compileFilter), run on the same
// records; the built-in rule pack and hand-written edge records (arrays on the path, non-strings,
// missing fields) as in event-ruler's README "JSON Array Matching" and the CloudWatch Logs
// "Filter pattern syntax" page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admitsAll, eventPatternGuards, filterGuards } from '../../src/detect/dispatch.js';
import { compileEventPattern } from '../../src/detect/eventbridge/index.js';
import { cloudTrailEnvelope } from '../../src/detect/eventbridge/envelope.js';
import { compileFilter, parseFilterPattern } from '../../src/detect/metric-filter/index.js';
import { BUILTIN_RULES } from '../../src/detect/rules/index.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';

const base = (extra: Record<string, unknown>): CloudTrailEvent => ({ eventID: 'e1', eventTime: '2026-01-01T00:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'GetRole', ...extra }) as CloudTrailEvent;

const RECORDS: CloudTrailEvent[] = [
  base({}),
  base({ userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root' }, eventType: 'AwsApiCall' }),
  base({ userIdentity: { type: 'IAMUser' } }),
  base({ userIdentity: [{ type: 'Root' }] }),
  base({ userIdentity: { type: ['Root'] } }),
  base({ userIdentity: 'Root' }),
  base({ userIdentity: { type: 7 } }),
  base({ errorCode: 'AccessDenied' }),
  base({ errorCode: 'Client.UnauthorizedOperation', sourceIPAddress: '1.2.3.4' }),
  base({ errorCode: 5 }),
  base({ eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', additionalEventData: { MFAUsed: 'No' } }),
  base({ eventName: 'StopLogging', eventSource: 'cloudtrail.amazonaws.com' }),
  base({ eventName: 'AuthorizeSecurityGroupIngress', eventSource: 'ec2.amazonaws.com', requestParameters: { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } } }),
];

test('a guard never rejects a record that the rule\'s matcher accepts (built-in rules × edge records)', () => {
  let rejected = 0;
  let guarded = 0;
  for (const rule of BUILTIN_RULES) {
    const p = rule.pattern;
    const eb = 'eventbridge' in p;
    const guards = 'eventbridge' in p ? eventPatternGuards(p.eventbridge) : filterGuards(parseFilterPattern(p.metricFilter));
    if (guards.length > 0) guarded++;
    const matches = 'eventbridge' in p ? compileEventPattern(p.eventbridge) : compileFilter(parseFilterPattern(p.metricFilter));
    for (const r of RECORDS) {
      const admitted = admitsAll(guards, r as unknown as Record<string, unknown>);
      if (!admitted) rejected++;
      if (matches(eb ? cloudTrailEnvelope(r) : r)) assert.ok(admitted, `${rule.id} matches ${JSON.stringify(r)} but its guard rejects it`);
    }
  }
  // The guards must do something, or the test proves nothing.
  assert.ok(guarded >= 3, `only ${guarded} rules have guards`);
  assert.ok(rejected > 0);
});

test('root-user rules are guarded on userIdentity.type; CIS 4.1 on the presence of errorCode', () => {
  const root = BUILTIN_RULES.find((r) => r.id === 'root-activity')!;
  assert.deepEqual(eventPatternGuards((root.pattern as { eventbridge: unknown }).eventbridge).map((g) => [g.path.join('.'), g.values && [...g.values]]), [['userIdentity.type', ['Root']]]);
  const cis41 = BUILTIN_RULES.find((r) => r.id === 'cis-aws-4.1')!;
  assert.deepEqual(filterGuards(parseFilterPattern((cis41.pattern as { metricFilter: string }).metricFilter)).map((g) => [g.path.join('.'), g.values]), [['errorCode', null]]);
});

test('arrays on the path and non-string values are left to the matcher', () => {
  const guards = eventPatternGuards({ detail: { userIdentity: { type: ['Root'] } } });
  const admit = (r: Record<string, unknown>) => admitsAll(guards, r);
  assert.equal(admit({ userIdentity: { type: 'Root' } }), true);
  assert.equal(admit({ userIdentity: { type: 'IAMUser' } }), false);
  assert.equal(admit({}), false);
  assert.equal(admit({ userIdentity: 'Root' }), false);
  assert.equal(admit({ userIdentity: [{ type: 'Root' }] }), true);
  assert.equal(admit({ userIdentity: { type: ['IAMUser'] } }), true);
  assert.equal(admit({ userIdentity: { type: null } }), true);
  // `$or` alternatives and operator lists give no guard.
  assert.deepEqual(eventPatternGuards({ detail: { $or: [{ a: ['x'] }, { b: ['y'] }], c: [{ prefix: 'z' }] } }), []);
  // `||` over different fields gives none; over the same field, the union.
  assert.deepEqual(filterGuards(parseFilterPattern('{ ($.a = "x") || ($.b = "y") }')), []);
  assert.deepEqual(filterGuards(parseFilterPattern('{ ($.a = "x") || ($.a = "y") }')).map((g) => [...g.values!]), [['x', 'y']]);
});
