/**
 * The exposure case corpus of issue 18 (`test/cases/exposure/*.json`): one behaviour per case, each
 * citing the AWS documentation page it follows. A case is one resource (a `resources.json` entry) or
 * one role (a GAAD `RoleDetailList` entry) and the complete list of findings expected on it. All
 * cases share one organization (`org.json`), so a whole zone's cases load as one snapshot.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES_DIR = fileURLToPath(new URL('../../cases/exposure/', import.meta.url));

/** What one finding on the case's resource must look like (fields absent are not checked). */
export interface ExpectedFinding {
  type: 'PublicAccess' | 'ExternalAccess' | 'ConfusedDeputy';
  isPublic: boolean;
  severity?: string;
  principal?: Record<string, string>;
  actions?: string[];
  condition?: Record<string, string[]>;
}

export interface ExposureCase {
  file: string;
  name: string;
  source: string;
  zone: 'account' | 'organization';
  resource?: { arn: string } & Record<string, unknown>;
  role?: { Arn: string } & Record<string, unknown>;
  expected: ExpectedFinding[];
}

/** Loads and validates every case file; names and resource ARNs are unique across the corpus. */
export function loadExposureCases(): ExposureCase[] {
  const cases: ExposureCase[] = [];
  for (const file of readdirSync(CASES_DIR).filter((f) => f.endsWith('.json') && f !== 'org.json').sort()) {
    const data = JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as { cases: Omit<ExposureCase, 'file'>[] };
    for (const c of data.cases) {
      assert.ok(c.name && /^https:\/\/docs\.aws\.amazon\.com\//.test(c.source), `${file}: ${c.name} must cite an AWS documentation page`);
      assert.ok((c.resource === undefined) !== (c.role === undefined), `${file}: ${c.name} needs exactly one of resource / role`);
      assert.ok(c.zone === 'account' || c.zone === 'organization', `${file}: ${c.name} zone`);
      assert.ok(Array.isArray(c.expected), `${file}: ${c.name} expected`);
      cases.push({ ...c, file });
    }
  }
  const arns = cases.map(caseArn);
  assert.equal(new Set(arns).size, arns.length, 'every case has its own resource ARN');
  assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'case names are unique');
  return cases;
}

/** The ARN the case's findings are about. */
export function caseArn(c: ExposureCase): string {
  return c.resource?.arn ?? c.role!.Arn;
}

/** Writes the scan inputs of one zone's cases into `dir`; returns the files for `--snapshot`. */
export function writeZoneInputs(cases: readonly ExposureCase[], dir: string, zone: ExposureCase['zone']): string[] {
  const mine = cases.filter((c) => c.zone === zone);
  const files = [join(CASES_DIR, 'org.json'), join(dir, `${zone}-resources.json`), join(dir, `${zone}-gaad.json`)];
  writeFileSync(files[1]!, JSON.stringify({ resources: mine.flatMap((c) => (c.resource ? [c.resource] : [])) }));
  writeFileSync(files[2]!, JSON.stringify({ UserDetailList: [], GroupDetailList: [], Policies: [], RoleDetailList: mine.flatMap((c) => (c.role ? [c.role] : [])) }));
  return files;
}

interface FindingLike {
  type: string;
  isPublic?: boolean;
  severity: string;
  resource: string;
  principal?: unknown;
  actions?: string[];
  condition?: unknown;
}

/** Asserts the findings on the case's resource are exactly the expected ones (by type and publicness). */
export function checkCase(c: ExposureCase, all: readonly FindingLike[]): void {
  const mine = all.filter((f) => f.resource === caseArn(c));
  const label = `${c.file} ${c.name} (${c.source})`;
  const key = (f: { type: string; isPublic?: boolean }) => `${f.type}:${f.isPublic === true}`;
  assert.deepEqual(mine.map(key).sort(), c.expected.map(key).sort(), `${label}: ${JSON.stringify(mine.map((f) => ({ type: f.type, principal: f.principal, condition: f.condition })))}`);
  for (const want of c.expected) {
    const got = mine.find((f) => key(f) === key(want))!;
    if (want.severity) assert.equal(got.severity, want.severity, `${label}: severity`);
    if (want.principal) assert.deepEqual(got.principal, want.principal, `${label}: principal`);
    if (want.actions) assert.deepEqual(got.actions, want.actions, `${label}: actions`);
    if (want.condition) assert.deepEqual(got.condition, want.condition, `${label}: condition`);
  }
}
