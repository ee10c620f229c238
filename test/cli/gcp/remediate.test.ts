// `cordon scan` then `cordon remediate` on a GCP escalation finding, end to end through the CLI:
// dry-run gcloud text, --apply (proof on the exports, then IAM v2 createPolicy against a loopback
// stub of the Google APIs given as --endpoint-url), --rollback (deletePolicy), journal in the store.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../src/model/finding.js';
import { runCordon } from '../../helpers/cli.js';
import { GoogleStub } from '../../../src/sandbox/demo/gcp-stub.js';

const EXPORTS = fileURLToPath(new URL('../../../src/sandbox/demo/gcp-exports', import.meta.url));
const stub = new GoogleStub();
before(() => stub.start());
after(() => stub.stop());

test('remediate a GCP escalation: dry-run renders gcloud, apply creates the deny policy, rollback deletes it', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'cordon-gcp-')), 'cordon.db');
  const scan = await runCordon(['scan', '--snapshot', EXPORTS, '--db', db, '--output', 'json']);
  const f = (JSON.parse(scan.stdout) as Finding[]).find((x) => x.principal === 'user:alice@example.com' && x.ruleId === 'GetServiceAccountAccessToken')!;
  assert.ok(f, scan.stderr);
  const dry = await runCordon(['remediate', f.id, '--db', db, '--snapshot', EXPORTS]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`gcloud iam policies create cordon-${f.id} --attachment-point=cloudresourcemanager.googleapis.com/projects/prod-app --kind=denypolicies --policy-file=cordon-${f.id}.json`));
  assert.match(dry.stdout, /# rollback:\n#\s+gcloud iam policies delete/);
  assert.equal(stub.requests.length, 0, 'dry-run calls nothing');
  const apply = await runCordon(['remediate', f.id, '--apply', '--db', db, '--snapshot', EXPORTS, '--endpoint-url', stub.url]);
  assert.equal(apply.code, 0, apply.stderr);
  assert.deepEqual([...stub.denies.keys()], [`policies/cloudresourcemanager.googleapis.com%2Fprojects%2Fprod-app/denypolicies/cordon-${f.id}`]);
  const rules = (stub.denies.values().next().value as { rules: { denyRule: unknown }[] }).rules;
  assert.deepEqual(rules[0]!.denyRule, { deniedPrincipals: ['principal://goog/subject/alice@example.com'], deniedPermissions: ['iam.googleapis.com/serviceAccounts.getAccessToken'] });
  const back = await runCordon(['remediate', f.id, '--rollback', '--db', db, '--endpoint-url', stub.url]);
  assert.equal(back.code, 0, back.stderr);
  assert.equal(stub.denies.size, 0);
});
