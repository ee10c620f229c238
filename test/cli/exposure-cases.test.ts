// The exposure case corpus of issue 18 (test/cases/exposure, each case citing its AWS documentation
// page) through `cordon scan --snapshot ... --output json`: one scan per zone of trust over every
// case of that zone, then each case's resource must carry exactly the expected findings.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Finding } from '../../src/model/finding.js';
import { checkCase, loadExposureCases, writeZoneInputs, type ExposureCase } from '../analyzers/exposure/cases.js';
import { runCordon } from '../helpers/cli.js';

const cases = loadExposureCases();
const findings = new Map<ExposureCase['zone'], Finding[]>();

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-exposure-cli-'));
  for (const zone of ['account', 'organization'] as const) {
    const r = await runCordon(['scan', '--snapshot', ...writeZoneInputs(cases, dir, zone), '--zone', zone, '--analyzers', 'exposure', '--no-store', '--output', 'json']);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    findings.set(zone, JSON.parse(r.stdout) as Finding[]);
  }
});

describe('cordon scan over test/cases/exposure', () => {
  for (const c of cases) test(`${c.file} ${c.name}`, () => checkCase(c, findings.get(c.zone)!));
});
