/**
 * Compiles a `GcpSnapshot` into lookup tables for the engine: canonical resource names (project
 * numbers → ids, service-account unique ids → emails), the resource hierarchy, allow policies by
 * resource, roles by name, deny policies by attachment point, group membership, PAB bindings and
 * parsed conditions (each parsed once). Pure: no I/O.
 */
import type { GcpAllowPolicy, GcpDenyPolicy, GcpNode, GcpPabPolicy, GcpPolicyBinding, GcpServiceAccount, GcpSnapshot } from '../../model/gcp/snapshot.js';
import { hierarchyFullName, projectSegment, serviceAccountProject } from '../../model/gcp/names.js';
import { parseCel, type CelNode } from './cel/parser.js';
import { CelSyntaxError } from './cel/lexer.js';

/** A parsed condition, or the syntax error that makes it unusable. */
export type CompiledCondition = { ok: true; node: CelNode } | { ok: false; error: string };

/** The engine's view of a GCP snapshot. */
export interface GcpModel {
  snapshot: GcpSnapshot;
  canon(name: string): string;
  parent: Map<string, string>;
  nodes: Map<string, GcpNode>;
  policies: Map<string, GcpAllowPolicy[]>;
  roles: Map<string, Set<string> | undefined>;
  denies: Map<string, GcpDenyPolicy[]>;
  serviceAccounts: Map<string, GcpServiceAccount>;
  /** member (lower-cased email) → groups it belongs to directly. */
  memberOf: Map<string, Set<string>>;
  pabPolicies: Map<string, GcpPabPolicy>;
  pabBindings: GcpPolicyBinding[];
  projectNumbers: Map<string, string>;
  condition(expression: string): CompiledCondition;
}

/** Builds the engine model; safe to call once per scan and share. */
export function compileGcp(snapshot: GcpSnapshot): GcpModel {
  const numberToId = new Map<string, string>();
  const uniqueIdToEmail = new Map<string, string>();
  for (const n of snapshot.nodes) {
    const id = projectSegment(n.name);
    const number = n.project ? projectSegment(n.project) : undefined;
    if (n.assetType === 'cloudresourcemanager.googleapis.com/Project' || /^\/\/cloudresourcemanager\.googleapis\.com\/projects\/[^/]+$/.test(n.name)) {
      if (id && number && !/^\d+$/.test(id)) numberToId.set(number, id);
      if (n.projectId && id && /^\d+$/.test(id)) numberToId.set(id, n.projectId);
      if (n.projectId && number) numberToId.set(number, n.projectId);
    }
  }
  for (const sa of snapshot.serviceAccounts) if (sa.uniqueId) uniqueIdToEmail.set(sa.uniqueId, sa.email);

  const canon = (name: string): string => {
    let out = name.replace(/(^|\/)projects\/(\d+)(?=\/|$)/g, (m, pre: string, num: string) => (numberToId.has(num) ? `${pre}projects/${numberToId.get(num)}` : m));
    const sa = /^\/\/iam\.googleapis\.com\/projects\/([^/]+)\/serviceAccounts\/([^/]+)$/.exec(out);
    if (sa) {
      const email = (uniqueIdToEmail.get(sa[2]!) ?? sa[2]!).toLowerCase();
      const project = sa[1] === '-' ? (snapshot.serviceAccounts.find((s) => s.email === email)?.projectId ?? serviceAccountProject(email) ?? '-') : sa[1]!;
      out = `//iam.googleapis.com/projects/${project}/serviceAccounts/${email}`;
    }
    return out;
  };

  const parent = new Map<string, string>();
  const setParent = (child: string, p: string): void => {
    if (child !== p && !parent.has(child)) parent.set(child, p);
  };
  const nodes = new Map<string, GcpNode>();
  for (const n of snapshot.nodes) {
    const name = canon(n.name);
    if (!nodes.has(name) || n.assetType) nodes.set(name, { ...nodes.get(name), ...n, name, tags: n.tags ?? nodes.get(name)?.tags, serviceAccounts: n.serviceAccounts?.length ? n.serviceAccounts : nodes.get(name)?.serviceAccounts });
    const chain = [...(n.project && !(n.ancestors ?? []).includes(n.project) ? [n.project] : []), ...(n.ancestors ?? [])].map((a) => canon(hierarchyFullName(a))).filter((a) => a !== name);
    if (n.parent) setParent(name, canon(n.parent));
    if (chain.length > 0) setParent(name, chain[0]!);
    for (let i = 0; i + 1 < chain.length; i++) setParent(chain[i]!, chain[i + 1]!);
  }
  for (const sa of snapshot.serviceAccounts) setParent(canon(`//iam.googleapis.com/projects/${sa.projectId}/serviceAccounts/${sa.email}`), hierarchyFullName(`projects/${sa.projectId}`));

  const policies = new Map<string, GcpAllowPolicy[]>();
  for (const p of snapshot.allowPolicies) {
    const key = canon(p.resource);
    policies.set(key, [...(policies.get(key) ?? []), p]);
  }
  const roles = new Map<string, Set<string> | undefined>();
  for (const r of snapshot.roles) if (!r.deleted) roles.set(canon(r.name), r.includedPermissions ? new Set([...(r.includedPermissions ?? []), ...(roles.get(canon(r.name)) ?? [])]) : roles.get(canon(r.name)));
  const denies = new Map<string, GcpDenyPolicy[]>();
  for (const d of snapshot.denyPolicies) {
    const key = canon(d.attachmentPoint);
    denies.set(key, [...(denies.get(key) ?? []), d]);
  }
  const serviceAccounts = new Map(snapshot.serviceAccounts.map((s) => [s.email, s] as const));
  const memberOf = new Map<string, Set<string>>();
  for (const [group, members] of Object.entries(snapshot.groups)) {
    for (const m of members) {
      const key = m.toLowerCase();
      if (!memberOf.has(key)) memberOf.set(key, new Set());
      memberOf.get(key)!.add(group.toLowerCase());
    }
  }
  const conditions = new Map<string, CompiledCondition>();
  const condition = (expression: string): CompiledCondition => {
    let c = conditions.get(expression);
    if (!c) {
      try {
        c = { ok: true, node: parseCel(expression) };
      } catch (err) {
        c = { ok: false, error: err instanceof CelSyntaxError ? `${err.message} at offset ${err.offset}` : String(err) };
      }
      conditions.set(expression, c);
    }
    return c;
  };
  const projectNumbers = new Map<string, string>([...numberToId].map(([n, id]) => [id, n]));
  return { snapshot, canon, parent, nodes, policies, roles, denies, serviceAccounts, memberOf, pabPolicies: new Map(snapshot.pabPolicies.map((p) => [p.name, p])), pabBindings: snapshot.pabBindings, projectNumbers, condition };
}

// Ancestor chains per model and resource: the hierarchy is fixed once compiled.
const ANCESTORS = new WeakMap<GcpModel, Map<string, string[]>>();

/** The canonical ancestors of a resource, nearest first (parent, ..., organization). */
export function ancestorsOf(model: GcpModel, resource: string): string[] {
  let cache = ANCESTORS.get(model);
  if (!cache) ANCESTORS.set(model, (cache = new Map()));
  let chain = cache.get(resource);
  if (!chain) cache.set(resource, (chain = computeAncestors(model, resource)));
  return chain;
}

function computeAncestors(model: GcpModel, resource: string): string[] {
  const out: string[] = [];
  let current = model.canon(resource);
  const seen = new Set([current]);
  for (;;) {
    let next = model.parent.get(current);
    if (!next) {
      // Not in the exports: the nearest enclosing resource that is (an object's bucket, an
      // instance's project), found by dropping `collection/id` pairs from the end of the name.
      const parts = current.split('/');
      for (let n = parts.length - 2; n > 3 && !next; n -= 2) {
        const prefix = parts.slice(0, n).join('/');
        if (model.nodes.has(prefix) || model.parent.has(prefix) || model.policies.has(prefix)) next = prefix;
      }
    }
    if (!next) {
      // Otherwise the project named inside the resource name is its parent.
      const project = projectSegment(current.replace(/^\/\/[^/]+\//, ''));
      const candidate = project ? model.canon(hierarchyFullName(`projects/${project}`)) : undefined;
      if (candidate && candidate !== current) next = candidate;
    }
    if (!next || seen.has(next)) return out;
    out.push(next);
    seen.add(next);
    current = next;
  }
}
