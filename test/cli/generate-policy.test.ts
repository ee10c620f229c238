// Issue 9 acceptance on the invictus CloudTrail files (../shared/corpora/invictus, invictus-ir
// aws_dataset): the policy generated for the main IAM user passes `cordon validate` with no ERROR,
// and the engine — independently of the generator — allows every successful event of that user
// (action from the catalog mapping, resource from the event); denied-only actions are absent; the
// unknown events are reported. Then the store: a second run reads the ingested activity for a window.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { activityPrincipal, eventResources } from '../../src/activity/aggregate.js';
import { readCloudTrail } from '../../src/activity/readers/read-events.js';
import { mapEvent } from '../../src/catalog/cloudtrail/map-event.js';
import { DENIED_ERROR_CODES } from '../../src/catalog/cloudtrail/rules.js';
import { loadCatalog, type Catalog } from '../../src/catalog/index.js';
import { evaluateRequest } from '../../src/engine/index.js';
import type { CloudTrailEvent } from '../../src/model/cloudtrail.js';
import { parsePolicy } from '../../src/model/policy/index.js';
import { INVICTUS_DIR } from '../activity/corpora.js';
import { CORPORA } from '../helpers/corpora.js';
import { runCordon } from '../helpers/cli.js';

const USER = 'arn:aws:iam::123837392027:user/bert-jan';
const dir = mkdtempSync(join(tmpdir(), 'cordon-generate-'));
const db = join(dir, 'cordon.db');
let catalog: Catalog;
let events: CloudTrailEvent[] = [];
before(async () => {
  catalog = await loadCatalog();
  for await (const e of readCloudTrail(INVICTUS_DIR)) events.push(e);
  events = events.filter((e) => activityPrincipal(e) === USER);
});

test('invictus: the policy for bert-jan validates, allows every successful event, grants no denied-only action', async () => {
  const report = join(dir, 'report.json');
  const r = await runCordon(['generate-policy', '--principal', USER, '--cloudtrail', `${CORPORA}invictus`, '--output', 'json', '--db', db, '--report', report], { timeoutMs: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, r.stdout);
  const validation = await runCordon(['validate', policyFile, '--output', 'json']);
  const errors = (JSON.parse(validation.stdout) as { findings: { findingType: string; issueCode: string }[] }).findings.filter((f) => f.findingType === 'ERROR');
  assert.deepEqual(errors, []);

  const printed = JSON.parse(r.stdout) as object | object[];
  const identity = (Array.isArray(printed) ? printed : [printed]).map((d, i) => parsePolicy(d, { id: `g${i}`, type: 'identity' }));
  const trust = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123837392027:root' }, Action: 'sts:*' }] }, { id: 't', type: 'trust' });
  let checked = 0;
  for (const e of events) {
    if (e.errorCode && DENIED_ERROR_CODES.has(e.errorCode)) continue;
    const m = mapEvent(catalog, e.eventSource, e.eventName);
    if (m.status !== 'mapped') continue;
    for (const action of m.actions) {
      const resources = eventResources(e, action.split(':')[0]!);
      for (const resource of resources.length ? resources : ['*']) {
        const input = { identity, principal: { arn: USER, account: '123837392027' }, ...(action.startsWith('sts:AssumeRole') ? { resourcePolicy: trust } : {}) };
        const d = evaluateRequest(input, { principal: USER, action, resource, resourceAccount: resource.split(':')[4] || '123837392027' });
        // Resources the action cannot act on (e.g. a policy ARN given to AttachRolePolicy) are not grants.
        if (d.decision !== 'Allowed') assert.fail(`${e.eventID} ${action} on ${resource}: ${d.decision}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 2000, `${checked} successful calls checked`);
  assert.ok(!r.stdout.includes('ce:GetCostAndUsage'), 'denied-only actions are not granted');
  const full = JSON.parse(readFileSync(report, 'utf8')) as { deniedOnly: string[]; unknownEvents: unknown[]; proof: { denied: unknown[] } };
  assert.ok(full.deniedOnly.includes('ce:GetCostAndUsage'));
  assert.ok(Array.isArray(full.unknownEvents));
  assert.deepEqual(full.proof.denied, []);
  assert.match(r.stderr, /proof: (\d+)\/\1 observed/);
});

test('the activity stays in the store: a window query without --cloudtrail, and --output cli', async () => {
  const r = await runCordon(['generate-policy', '--principal', USER, '--db', db, '--start', '2023-07-10', '--end', '2023-07-11', '--output', 'cli', '--profile', 'audit']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /^aws iam create-policy --policy-name cordon-least-privilege-bert-jan(-1)? --policy-document '\{"Version":"2012-10-17"/);
  assert.match(lines[1]!, /^aws iam attach-user-policy --user-name bert-jan --policy-arn arn:aws:iam::123837392027:policy\/cordon-least-privilege-bert-jan(-1)? --profile audit$/);
  const none = await runCordon(['generate-policy', '--principal', 'arn:aws:iam::123837392027:user/nobody', '--db', db]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no activity of arn:aws:iam::123837392027:user\/nobody/);
});
