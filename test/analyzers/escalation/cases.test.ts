// The escalation case corpus (test/cases/escalation/*.json): each case is a one-account snapshot
// written compactly, a principal, and whether it escalates (and by which first method), citing the
// AWS documentation page it follows. The case schema is checked when loading.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeEscalation } from '../../../src/analyzers/escalation/index.js';
import { engineOracle } from '../../../src/analyzers/engine-oracle.js';
import type { PolicyDocumentJson, Snapshot } from '../../../src/model/snapshot/types.js';
import { allow, doc, SnapshotBuilder, trust } from '../../helpers/snapshot-builder.js';

const DIR = fileURLToPath(new URL('../../cases/escalation/', import.meta.url));
const now = new Date('2026-06-01T00:00:00Z');

interface PrincipalCase {
  name: string;
  inline?: PolicyDocumentJson[];
  managed?: string[];
  boundary?: string;
  tags?: Record<string, string>;
}
interface EscalationCase {
  name: string;
  source: string;
  why: string;
  account: {
    users?: (PrincipalCase & { groups?: string[] })[];
    roles?: (PrincipalCase & { trust: Record<string, string>; instanceProfile?: boolean })[];
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

function check(c: EscalationCase, file: string): void {
  const where = `${file}: case \`${c.name}\``;
  assert.ok(typeof c.name === 'string' && /^https:\/\/docs\.aws\.amazon\.com\//.test(c.source), `${where}: needs a name and an AWS documentation source`);
  assert.ok(typeof c.principal === 'string' && /^(user|role)\//.test(c.principal), `${where}: principal is user/NAME or role/NAME`);
  assert.equal(typeof c.expected?.escalates, 'boolean', `${where}: expected.escalates`);
}

function build(c: EscalationCase): Snapshot {
  const b = new SnapshotBuilder();
  b.account.policies.push({ arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess', path: '/', defaultVersionId: 'v1', isAwsManaged: true, documentStatus: 'present', origin: {}, versions: [{ versionId: 'v1', isDefault: true, document: doc(allow('*', '*')) }] });
  for (const p of c.account.policies ?? []) b.policy(p.name, p.document, p.otherVersions);
  for (const g of c.account.groups ?? []) b.group(g);
  for (const u of c.account.users ?? []) {
    b.user(u);
    if (u.tags) b.account.users.at(-1)!.tags = u.tags;
  }
  for (const r of c.account.roles ?? []) {
    b.role({ ...r, trust: trust(r.trust) });
    if (r.tags) b.account.roles.at(-1)!.tags = r.tags;
    if (r.instanceProfile) b.account.roles.at(-1)!.instanceProfileArns = [b.arn('role', r.name).replace(':role/', ':instance-profile/')];
  }
  return b.build();
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const { cases } = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { cases: EscalationCase[] };
  describe(`escalation cases: ${file}`, () => {
    for (const c of cases) {
      test(`${c.name} (${c.why})`, () => {
        check(c, file);
        const snapshot = build(c);
        const principal = `arn:aws:iam::${snapshot.accounts[0]!.accountId}:${c.principal}`;
        const mine = analyzeEscalation(snapshot, engineOracle(snapshot, { now })).filter((f) => f.principal === principal);
        const finding = mine.find((f) => f.details?.latent !== true);
        const latent = mine.find((f) => f.details?.latent === true);
        assert.equal(Boolean(finding), c.expected.escalates, `${c.name}: ${JSON.stringify(finding?.path?.map((s) => s.method))}`);
        assert.equal(Boolean(latent), c.expected.latent ?? false, `${c.name}: latent ${JSON.stringify(latent?.title)}`);
        if (finding && c.expected.firstMethod) assert.equal(finding.path![0]!.method, c.expected.firstMethod);
        if (c.expected.severity) assert.equal((latent ?? finding)?.severity, c.expected.severity);
        if (c.expected.hops) {
          const prefix = `arn:aws:iam::${snapshot.accounts[0]!.accountId}:`;
          const nodes = [...finding!.path!.map((s) => s.from), finding!.path!.at(-1)!.to].map((n) => (n.startsWith(prefix) ? n.slice(prefix.length) : n));
          assert.deepEqual(nodes.filter((n, i) => n !== nodes[i - 1]), c.expected.hops);
          for (const step of finding!.path!) assert.ok(step.evidence.length > 0, `${c.name}: step ${step.method} from ${step.from} has no evidence`);
        }
      });
    }
  });
}
