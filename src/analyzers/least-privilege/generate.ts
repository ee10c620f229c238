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

export interface GenerateOptions {
  catalog: Catalog;
  /** ARN templates instead of `*` where the events do not show the resource. */
  resourcePlaceholders?: boolean;
  /** More distinct ARNs than this for one action are folded to their parent path + `/*`. */
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
}

type Statement = { Sid: string; Effect: 'Allow'; Action: string | string[]; Resource: string | string[] };


/** `arn:aws:s3:::b/a/1` → `arn:aws:s3:::b/a/*`; `arn:aws:s3:::b/a/*` → `arn:aws:s3:::b/*`; no path → itself. */
function parentOf(arn: string): string {
  const base = arn.endsWith('/*') ? arn.slice(0, -2) : arn;
  const resourceStart = base.split(':').slice(0, 5).join(':').length + 1;
  const slash = base.lastIndexOf('/');
  return slash >= resourceStart ? `${base.slice(0, slash)}/*` : arn;
}

/** Folds many ARNs of one action to their parent paths until at most `max` remain (or no fold helps). */
function fold(arns: string[], max: number): string[] {
  if (arns.length <= max) return arns;
  const parents = [...new Set(arns.map(parentOf))].sort();
  return parents.length < arns.length ? fold(parents, max) : arns;
}

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
  // action → the resources to grant it on
  const grants = new Map<string, string[]>();
  for (const [action, u] of used) {
    const templates = catalog.actionArnTemplates(action);
    if (templates.length === 0) {
      grants.set(action, ['*']); // no resource-level permissions: only "*" works
      continue;
    }
    const valid = [...u.arns].filter((arn) => catalog.fitsActionResource(action, arn)).sort();
    const resources = fold(valid, options.maxResourcesPerAction ?? 20);
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
  // Group actions of one service that share the same resources into one statement.
  const groups = new Map<string, { service: string; actions: string[]; resources: string[] }>();
  for (const [action, resources] of [...grants].sort(([a], [b]) => a.localeCompare(b))) {
    const service = action.slice(0, action.indexOf(':'));
    const key = `${service}|${resources.join(',')}`;
    const g = groups.get(key);
    if (g) g.actions.push(action);
    else groups.set(key, { service, actions: [action], resources });
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
  };
}
