// The exposure case corpus (test/cases/exposure, issue 18) through the snapshot file loader and the
// analyzer with the real engine, one test per case. The same corpus runs through `cordon scan` in
// test/cli/exposure-cases.test.ts. Truth: the AWS documentation page each case cites.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { analyzeExposure } from '../../../src/analyzers/exposure/analyze.js';
import { cordonExposureEngine } from '../../../src/analyzers/exposure/engine-adapter.js';
import { loadSnapshotFiles } from '../../../src/collect/index.js';
import type { FindingDraft } from '../../../src/model/finding.js';
import { checkCase, loadExposureCases, writeZoneInputs, type ExposureCase } from './cases.js';

const cases = loadExposureCases();
const findings = new Map<ExposureCase['zone'], FindingDraft[]>();

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-exposure-cases-'));
  for (const zone of ['account', 'organization'] as const) {
    const { snapshot } = await loadSnapshotFiles(writeZoneInputs(cases, dir, zone));
    findings.set(zone, analyzeExposure(snapshot, cordonExposureEngine, { zone }));
  }
});

for (const file of [...new Set(cases.map((c) => c.file))]) {
  describe(file, () => {
    for (const c of cases.filter((x) => x.file === file)) {
      test(c.name, () => checkCase(c, findings.get(c.zone)!));
    }
  });
}
