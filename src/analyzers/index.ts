/**
 * Every analyzer, listed explicitly as data: `Snapshot (+ options) → FindingDraft[]`. The scan
 * command, the server and the demo run them through `runAnalyzers` so they all see the same
 * findings in the same order.
 */
import type { FindingDraft } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot/types.js';
import type { AccessOracle } from './access-oracle.js';
import { engineOracle } from './engine-oracle.js';
import { analyzeEscalation, type WorkBudget } from './escalation/index.js';
import { analyzeExposure } from './exposure/analyze.js';
import { cordonExposureEngine } from './exposure/engine-adapter.js';
import type { ZoneKind } from './exposure/zone.js';
import { analyzeRiskyPermissions } from './risky/index.js';
import { analyzeUnusedAccess } from './unused/index.js';
import { analyzeUnusedPermissions, type PrincipalActivity } from './unused/permissions.js';
import type { Catalog } from '../catalog/index.js';
import { analyzeAzure } from './azure/index.js';
import { analyzeGcp } from './gcp/index.js';

/** Inputs shared by every analyzer of one scan. */
export interface ScanContext {
  snapshot: Snapshot;
  /** The scan's clock (last-used ages, the attacker's session time). */
  now: Date;
  /** Zone of trust for exposure findings (default `account`). */
  zone?: ZoneKind;
  /** Age in days after which access is unused (default 90). */
  unusedDays?: number;
  /** Principals' used actions over the last `unusedDays` (from CloudTrail): enables UnusedPermission. */
  activity?: ReadonlyMap<string, PrincipalActivity>;
  /** The action catalog (needed with `activity`). */
  catalog?: Catalog;
  /** Called during long searches (escalation); throws to stop a scan that would not fit in memory. */
  budget?: WorkBudget;
}

export interface Analyzer {
  id: string;
  title: string;
  run(ctx: ScanContext, oracle: () => AccessOracle): FindingDraft[];
}

export const ANALYZERS: readonly Analyzer[] = [
  { id: 'escalation', title: 'privilege-escalation paths', run: (ctx, oracle) => analyzeEscalation(ctx.snapshot, oracle(), undefined, { budget: ctx.budget }) },
  { id: 'risky', title: 'risky permissions', run: (ctx, oracle) => analyzeRiskyPermissions(ctx.snapshot, oracle()) },
  { id: 'exposure', title: 'external and public access', run: (ctx) => analyzeExposure(ctx.snapshot, cordonExposureEngine, { zone: ctx.zone ?? 'account' }) },
  {
    id: 'unused', title: 'unused roles, keys, passwords and (with activity) permissions',
    run: (ctx) => [
      ...analyzeUnusedAccess(ctx.snapshot, { now: ctx.now, maxAgeDays: ctx.unusedDays }),
      ...(ctx.activity && ctx.catalog ? analyzeUnusedPermissions(ctx.snapshot, ctx.activity, { catalog: ctx.catalog, trackedDays: ctx.unusedDays ?? 90 }) : []),
    ],
  },
  { id: 'azure', title: 'Azure RBAC and Entra ID: escalation, risky, exposure, unused', run: (ctx) => analyzeAzure(ctx.snapshot, ctx.now, { unusedDays: ctx.unusedDays }) },
  { id: 'gcp', title: 'GCP IAM: escalation, public/external, risky, unused', run: (ctx) => analyzeGcp(ctx.snapshot, ctx.now) },
];

/** Runs the selected analyzers (all by default); findings sorted by type then id, duplicates dropped. */
export function runAnalyzers(ctx: ScanContext, only?: readonly string[]): FindingDraft[] {
  let oracle: AccessOracle | undefined;
  const lazyOracle = () => (oracle ??= engineOracle(ctx.snapshot, { now: ctx.now }));
  const byId = new Map<string, FindingDraft>();
  for (const analyzer of ANALYZERS) {
    if (only && !only.includes(analyzer.id)) continue;
    for (const finding of analyzer.run(ctx, lazyOracle)) if (!byId.has(finding.id)) byId.set(finding.id, finding);
  }
  return [...byId.values()].sort((a, b) => a.type.localeCompare(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
