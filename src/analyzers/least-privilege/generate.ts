/**
 * Least-privilege policy generation from activity: the actions a principal used successfully,
 * grouped per service and resource set, with the resource ARNs the events showed (validated
 * against the action's resource types) and, where no resource is known, `*` or — with
 * `resourcePlaceholders` — the action's ARN template (`arn:aws:s3:::${BucketName}`), as Access
 * Analyzer does. Pure: activity and catalog in, policy documents out.
 */
import type { Catalog } from '../../catalog/index.js';
import type { ActivitySummary } from '../../model/activity.js';
import type { PolicyDocumentJson } from '../../model/snapshot/types.js';
import { generaliseResources, type ResourceGranularity } from './generalise.js';

export interface GenerateOptions {
  catalog: Catalog;
  /** ARN templates instead of `*` where the events do not show the resource. */
  resourcePlaceholders?: boolean;
  /** How far observed ARNs are widened (default `prefix`; see generalise.ts). */
  granularity?: ResourceGranularity;
  /** More distinct ARNs of one type than this collapse to a name pattern (default 10). */
  maxResourcesPerAction?: number;
  /** Largest policy, in characters without whitespace (IAM's managed-policy quota is 6,144). */
  maxPolicyChars?: number;
}

export interface GenerationResult {
  /** One or more policies (split only when one would exceed the size quota). */
  policies: PolicyDocumentJson[];
  /** Actions used successfully, sorted. */
  usedActions: string[];
  /** Actions only ever denied: reported, never granted. */
  deniedOnly: string[];
  /** Resources written as templates that the user must fill in. */
  placeholders: string[];
  /** How much broader than the observations the policy is. */
  generalisation: GeneralisationSummary;
}

/** Observed resources against what the policy grants: the cost of not overfitting. */
export interface GeneralisationSummary {
  granularity: ResourceGranularity;
  /** Distinct (action, resource ARN) pairs observed with a known resource. */
  observedPairs: number;
  /** Distinct (action, pattern) pairs granted for them. */
  grantedPairs: number;
  /** Patterns with a wildcard the observations did not have, and the observed ARNs each stands for. */
  widened: { actions: string[]; pattern: string; observed: number }[];
}

type Statement = { Sid: string; Effect: 'Allow'; Action: string | string[]; Resource: string | string[] };


const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
const size = (doc: unknown) => JSON.stringify(doc).length;

export function generatePolicy(activity: readonly ActivitySummary[], options: GenerateOptions): GenerationResult {
  const { catalog } = options;
  const used = new Map<string, { arns: Set<string>; unknown: boolean }>();
  const deniedActions = new Set<string>();
  for (const row of activity) {
    if (row.successCount === 0) {
      if (row.deniedCount > 0) deniedActions.add(row.action);
      continue;
    }
    let u = used.get(row.action);
    if (!u) used.set(row.action, (u = { arns: new Set(), unknown: false }));
    if (row.resourceArn === '*') u.unknown = true;
    else u.arns.add(row.resourceArn);
  }
  const placeholders = new Set<string>();
  const granularity = options.granularity ?? 'prefix';
  // action → the resources to grant it on
  const grants = new Map<string, string[]>();
  const widened = new Map<string, { actions: string[]; pattern: string; observed: number }>();
  let observedPairs = 0;
  let grantedPairs = 0;
  for (const [action, u] of used) {
    const templates = catalog.actionArnTemplates(action);
    if (templates.length === 0) {
      grants.set(action, ['*']); // no resource-level permissions: only "*" works
      continue;
    }
    const valid = [...u.arns].filter((arn) => catalog.fitsActionResource(action, arn)).sort();
    const patterns = generaliseResources(valid, { granularity, threshold: options.maxResourcesPerAction ?? 10 });
    observedPairs += valid.length;
    grantedPairs += patterns.length;
    for (const p of patterns) {
      if (!p.pattern.includes('*') || p.observed.some((o) => o.includes('*'))) continue;
      const w = widened.get(p.pattern) ?? { actions: [], pattern: p.pattern, observed: 0 };
      w.actions.push(action);
      w.observed += p.observed.length;
      widened.set(p.pattern, w);
    }
    const resources = patterns.map((p) => p.pattern);
    if (u.unknown || resources.length === 0) {
      if (options.resourcePlaceholders) {
        for (const t of templates) {
          const filled = t.replace('${Partition}', 'aws');
          placeholders.add(filled);
          resources.push(filled);
        }
      } else resources.splice(0, resources.length, '*');
    }
    grants.set(action, [...new Set(resources)].sort());
  }
  // Group actions of one service that share the same resources into one statement. A widened
  // pattern gets a statement of its own, so two unrelated prefixes read as two grants.
  const groups = new Map<string, { service: string; actions: string[]; resources: string[] }>();
  for (const [action, resources] of [...grants].sort(([a], [b]) => a.localeCompare(b))) {
    const service = action.slice(0, action.indexOf(':'));
    const sets = resources.some((r) => widened.has(r)) ? resources.map((r) => [r]) : [resources];
    for (const set of sets) {
      const key = `${service}|${set.join(',')}`;
      const g = groups.get(key);
      if (g) g.actions.push(action);
      else groups.set(key, { service, actions: [action], resources: set });
    }
  }
  const counters = new Map<string, number>();
  const statements: Statement[] = [...groups.values()].map((g) => {
    const n = (counters.get(g.service) ?? 0) + 1;
    counters.set(g.service, n);
    return { Sid: `${pascal(g.service)}${n}`, Effect: 'Allow', Action: g.actions.length === 1 ? g.actions[0]! : g.actions, Resource: g.resources.length === 1 ? g.resources[0]! : g.resources };
  });
  const max = options.maxPolicyChars ?? 6144;
  const policies: PolicyDocumentJson[] = [];
  let current: Statement[] = [];
  for (const s of statements) {
    if (current.length > 0 && size({ Version: '2012-10-17', Statement: [...current, s] }) > max) {
      policies.push({ Version: '2012-10-17', Statement: current });
      current = [];
    }
    current.push(s);
  }
  if (current.length > 0 || policies.length === 0) policies.push({ Version: '2012-10-17', Statement: current });
  return {
    policies,
    usedActions: [...used.keys()].sort(),
    deniedOnly: [...deniedActions].filter((a) => !used.has(a)).sort(),
    placeholders: [...placeholders].sort(),
    generalisation: { granularity, observedPairs, grantedPairs, widened: [...widened.values()].sort((a, b) => a.pattern.localeCompare(b.pattern)) },
  };
}
