// The escalation case corpus (test/cases/escalation, each case citing its AWS documentation page)
// through `cordon scan --snapshot ... --analyzers escalation --output json`: every case gets its own
// account in one snapshot file, one scan runs over all of them, then each case's principal must
// carry exactly the expected findings (issue 18 acceptance).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Finding } from '../../../src/model/finding.js';
import type { Snapshot } from '../../../src/model/snapshot/types.js';
import { runCordon } from '../../helpers/cli.js';
import { buildCase, checkCase, loadEscalationCases } from './cases.js';

const cases = loadEscalationCases();
/** Case i lives in account 2000000000ii (no trust policy of the corpus names another account or anyone). */
const accountOf = (i: number) => String(200000000000 + i);
let findings: Finding[] = [];

before(async () => {
  const snapshots = cases.map((c, i) => buildCase(c, accountOf(i)));
  const merged: Snapshot = { ...snapshots[0]!, accounts: snapshots.flatMap((s) => s.accounts) };
  const file = join(mkdtempSync(join(tmpdir(), 'cordon-escalation-cli-')), 'snapshot.json');
  writeFileSync(file, JSON.stringify(merged));
  const r = await runCordon(['scan', '--snapshot', file, '--analyzers', 'escalation', '--no-store', '--output', 'json']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  findings = JSON.parse(r.stdout) as Finding[];
});

describe('cordon scan over test/cases/escalation', () => {
  cases.forEach((c, i) => test(`${c.file} ${c.name}`, () => checkCase(c, findings, accountOf(i))));
  test('latent findings are told apart in JSON: details.latent, MEDIUM, an id of their own', () => {
    const latent = findings.filter((f) => f.details?.latent === true);
    assert.ok(latent.length > 0);
    for (const f of latent) {
      assert.equal(f.severity, 'MEDIUM');
      assert.equal(f.type, 'PrivilegeEscalation');
      assert.ok(!findings.some((g) => g !== f && g.id === f.id));
    }
  });
});
