// The escalation case corpus (test/cases/escalation/*.json): each case is a one-account snapshot
// written compactly, a principal, and what it must get (a real path, its first method and hops, a
// latent finding), citing the AWS documentation page it follows. Shared by the in-process test
// (cases.test.ts) and the one through `cordon scan --snapshot ... --output json` (cases-cli.test.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FindingDraft } from '../../../src/model/finding.js';
import type { PolicyDocumentJson, Snapshot } from '../../../src/model/snapshot/types.js';
import { ACCOUNT, allow, doc, SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

const DIR = fileURLToPath(new URL('../../cases/escalation/', import.meta.url));

interface PrincipalCase {
  name: string;
  inline?: PolicyDocumentJson[];
  managed?: string[];
  boundary?: string;
  tags?: Record<string, string>;
}

export interface EscalationCase {
  file: string;
  name: string;
  source: string;
  why: string;
  account: {
    users?: (PrincipalCase & { groups?: string[] })[];
    /** `instanceProfile`: one profile named like the role; `instanceProfiles`: profiles by name. */
    roles?: (PrincipalCase & { trust: Record<string, string>; instanceProfile?: boolean; instanceProfiles?: string[] })[];
    groups?: PrincipalCase[];
    policies?: { name: string; document: PolicyDocumentJson; otherVersions?: PolicyDocumentJson[] }[];
  };
  principal: string;
  /**
   * `latent`: whether a latent finding (details.latent) is reported for the principal; `severity`
   * that finding's (or else the real one's) severity; `hops`: the path's nodes as `kind/name`
   * (each step's `from`, then the last `to`, `admin`), consecutive repeats merged.
   */
  expected: { escalates: boolean; firstMethod?: string; latent?: boolean; severity?: string; hops?: string[] };
}

/** Every case of every file, in file then case order; the schema is checked here. */
export function loadEscalationCases(): EscalationCase[] {
  const out: EscalationCase[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
    const { cases } = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { cases: Omit<EscalationCase, 'file'>[] };
    for (const c of cases) {
      const where = `${file}: case \`${c.name}\``;
      assert.ok(typeof c.name === 'string' && c.source.startsWith('https://docs.aws.amazon.com/'), `${where}: needs a name and an AWS documentation source`);
      assert.ok(typeof c.principal === 'string' && (c.principal.startsWith('user/') || c.principal.startsWith('role/')), `${where}: principal is user/NAME or role/NAME`);
      assert.equal(typeof c.expected?.escalates, 'boolean', `${where}: expected.escalates`);
      out.push({ ...c, file });
    }
  }
  return out;
}

/**
 * The case's account as a snapshot, in account `accountId` (the case text names 111122223333;
 * every occurrence is replaced, so several cases can share one scan without seeing each other).
 */
export function buildCase(c: EscalationCase, accountId = ACCOUNT): Snapshot {
  const account = JSON.parse(JSON.stringify(c.account).split(ACCOUNT).join(accountId)) as EscalationCase['account'];
  const b = new SnapshotBuilder(accountId);
  b.account.policies.push({ arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess', path: '/', defaultVersionId: 'v1', isAwsManaged: true, documentStatus: 'present', origin: {}, versions: [{ versionId: 'v1', isDefault: true, document: doc(allow('*', '*')) }] });
  for (const p of account.policies ?? []) b.policy(p.name, p.document, p.otherVersions);
  for (const g of account.groups ?? []) b.group(g);
  for (const u of account.users ?? []) {
    b.user(u);
    if (u.tags) b.account.users.at(-1)!.tags = u.tags;
  }
  for (const r of account.roles ?? []) {
    b.role({ ...r, trust: trust(r.trust) });
    if (r.tags) b.account.roles.at(-1)!.tags = r.tags;
    if (r.instanceProfile) b.account.roles.at(-1)!.instanceProfileArns = [b.arn('role', r.name).replace(':role/', ':instance-profile/')];
    if (r.instanceProfiles) b.account.roles.at(-1)!.instanceProfileArns = r.instanceProfiles.map((n) => `arn:aws:iam::${accountId}:instance-profile/${n}`);
  }
  return b.build();
}

/** Asserts the findings of the case's principal (in `accountId`) are what the case expects. */
export function checkCase(c: EscalationCase, findings: readonly Pick<FindingDraft, 'principal' | 'details' | 'path' | 'severity' | 'title'>[], accountId = ACCOUNT): void {
  const label = `${c.file} ${c.name}`;
  const prefix = `arn:aws:iam::${accountId}:`;
  const mine = findings.filter((f) => f.principal === `${prefix}${c.principal}`);
  const finding = mine.find((f) => f.details?.latent !== true);
  const latent = mine.find((f) => f.details?.latent === true);
  assert.equal(Boolean(finding), c.expected.escalates, `${label}: ${JSON.stringify(finding?.path?.map((s) => s.method))}`);
  assert.equal(Boolean(latent), c.expected.latent ?? false, `${label}: latent ${JSON.stringify(latent?.title)}`);
  if (finding && c.expected.firstMethod) assert.equal(finding.path![0]!.method, c.expected.firstMethod, label);
  if (c.expected.severity) assert.equal((latent ?? finding)?.severity, c.expected.severity, label);
  if (c.expected.hops) {
    const nodes = [...finding!.path!.map((s) => s.from), finding!.path!.at(-1)!.to].map((n) => (n.startsWith(prefix) ? n.slice(prefix.length) : n));
    assert.deepEqual(nodes.filter((n, i) => n !== nodes[i - 1]), c.expected.hops, label);
    for (const step of finding!.path!) assert.ok(step.evidence.length > 0, `${label}: step ${step.method} from ${step.from} has no evidence`);
  }
}
