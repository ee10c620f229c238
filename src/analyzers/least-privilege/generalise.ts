/**
 * Generalisation of observed resource ARNs into the patterns a generated policy grants, so that it
 * allows tomorrow's build and not only yesterday's (issue 23). Three granularities:
 *
 * - `exact`: the ARNs as observed.
 * - `prefix` (default): S3 object ARNs collapse, per top-level folder, to their longest common
 *   prefix cut at a path boundary plus `*` (`acme-artifacts/builds/1/in.tgz`, `.../builds/7/in.tgz`
 *   → `acme-artifacts/builds/*`); folders that share nothing stay apart (two prefixes, never the
 *   whole bucket); a folder seen once keeps its exact ARN. Other ARNs of one type, account and
 *   region collapse to their common name prefix plus `*` only past `threshold` distinct resources.
 * - `service`: `*` (action-level least privilege only).
 *
 * Pure and deterministic: the output is sorted and depends only on the set of input ARNs.
 */

/** How far observed resources are widened. */
export type ResourceGranularity = 'exact' | 'prefix' | 'service';

export const RESOURCE_GRANULARITIES: readonly ResourceGranularity[] = ['exact', 'prefix', 'service'];

export interface GeneraliseOptions {
  granularity: ResourceGranularity;
  /** More distinct resources of one type than this collapse to a pattern (default 10). */
  threshold?: number;
}

/** One generalised pattern and the observed ARNs it stands for. */
export interface GeneralisedPattern {
  pattern: string;
  observed: string[];
}

/** `arn:p:s:r:a:` head and the resource part after the fifth colon. */
function splitHead(arn: string): { head: string; resource: string } | undefined {
  let at = -1;
  for (let i = 0; i < 5; i++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return undefined;
  }
  return { head: arn.slice(0, at + 1), resource: arn.slice(at + 1) };
}

/** Longest common prefix of strings. */
function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0]!;
  for (const v of values) {
    let i = 0;
    while (i < prefix.length && i < v.length && prefix[i] === v[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/** S3 objects: `bucket/key` under an `arn:aws:s3:::` head. */
function isS3Object(head: string, resource: string): boolean {
  return /^arn:[^:]+:s3:::$/.test(head) && resource.includes('/');
}

/** Collapses one bucket's object keys folder by folder. */
function objectPatterns(head: string, bucket: string, keys: string[]): GeneralisedPattern[] {
  const byFolder = new Map<string, string[]>();
  for (const key of keys) {
    const slash = key.indexOf('/');
    const folder = slash < 0 ? '' : key.slice(0, slash + 1);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), key]);
  }
  const out: GeneralisedPattern[] = [];
  for (const [folder, members] of byFolder) {
    const arns = members.map((k) => `${head}${bucket}/${k}`);
    if (folder === '' || members.length === 1) {
      // Objects at the bucket root, or one object in a folder: nothing to generalise from.
      arns.forEach((a) => out.push({ pattern: a, observed: [a] }));
      continue;
    }
    const prefix = commonPrefix(members);
    const boundary = prefix.slice(0, prefix.lastIndexOf('/') + 1); // at least the folder itself
    out.push({ pattern: `${head}${bucket}/${boundary}*`, observed: arns });
  }
  return out;
}

/** Collapses the resources of one type (same head and type token) past the threshold. */
function typePatterns(head: string, type: string, names: string[], threshold: number): GeneralisedPattern[] {
  const arns = names.map((n) => `${head}${type}${n}`);
  if (names.length <= threshold) return arns.map((a) => ({ pattern: a, observed: [a] }));
  const prefix = commonPrefix(names);
  return [{ pattern: `${head}${type}${prefix}*`, observed: arns }];
}

/** The patterns granting `arns` at the chosen granularity, with what each stands for (sorted by pattern). */
export function generaliseResources(arns: readonly string[], options: GeneraliseOptions): GeneralisedPattern[] {
  const unique = [...new Set(arns)].sort();
  if (options.granularity === 'service' && unique.length > 0) return [{ pattern: '*', observed: unique }];
  if (options.granularity === 'exact') return unique.map((a) => ({ pattern: a, observed: [a] }));
  const threshold = options.threshold ?? 10;
  const objects = new Map<string, string[]>();
  const typed = new Map<string, string[]>();
  const out: GeneralisedPattern[] = [];
  for (const arn of unique) {
    const parts = splitHead(arn);
    if (!parts || arn.includes('*')) {
      out.push({ pattern: arn, observed: [arn] });
      continue;
    }
    const { head, resource } = parts;
    if (isS3Object(head, resource)) {
      const slash = resource.indexOf('/');
      const key = `${head}\u0000${resource.slice(0, slash)}`;
      objects.set(key, [...(objects.get(key) ?? []), resource.slice(slash + 1)]);
      continue;
    }
    // Type token: `table/`, `function:`, `key/`; a resource without a separator is its own type.
    const sep = resource.search(/[/:]/);
    const type = sep < 0 ? '' : resource.slice(0, sep + 1);
    const key = `${head}\u0000${type}`;
    typed.set(key, [...(typed.get(key) ?? []), resource.slice(type.length)]);
  }
  for (const [key, keys] of objects) {
    const [head, bucket] = key.split('\u0000') as [string, string];
    out.push(...objectPatterns(head, bucket, keys));
  }
  for (const [key, names] of typed) {
    const [head, type] = key.split('\u0000') as [string, string];
    if (type === '') names.forEach((n) => out.push({ pattern: `${head}${n}`, observed: [`${head}${n}`] }));
    else out.push(...typePatterns(head, type, names, threshold));
  }
  return out.sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}
